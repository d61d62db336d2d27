package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UserArgLineTest {

  @Test
  void theUsersOwnArgLineIsKeptBesideTheAgent() {
    assertEquals("kept", System.getProperty("sample.userArgLine"));
  }
}
