package dev.leakgate.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTextTest {

  @Test
  void lineShowsControlCharactersAndLineBreaksAsEscapes() {
    assertThat(ReportText.line("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
    assertThat(ReportText.line("\u001b[2J\u0007\u0000\u007f\u0085")).isEqualTo("\\u001B[2J\\u0007\\u0000\\u007F\\u0085");
  }

  @Test
  void lineShowsBidiControlsSeparatorsAndInvisibleMarksAsEscapes() {
    assertThat(ReportText.line("a\u202Eb\u2066c\u200Fd\u2028e\u2029f\uFEFFg\u200Bh"))
        .isEqualTo("a\\u202Eb\\u2066c\\u200Fd\\u2028e\\u2029f\\uFEFFg\\u200Bh");
    assertThat(ReportText.line("tag\uDB40\uDC01")).isEqualTo("tag\\U000E0001");
  }

  @Test
  void lineReplacesLoneSurrogatesAndKeepsPairs() {
    assertThat(ReportText.line("a\uD800b\uDC00c")).isEqualTo("a\uFFFDb\uFFFDc");
    assertThat(ReportText.line("x\uD83D\uDE00y")).isEqualTo("x\uD83D\uDE00y");
    assertThat(ReportText.line("end\uD800")).isEqualTo("end\uFFFD");
  }

  @Test
  void lineBreaksTheLegacyWorkflowCommandMarkerAnywhere() {
    assertThat(ReportText.line("x ##[error]y")).isEqualTo("x ##\\u005Berror]y");
    assertThat(ReportText.line("#[ok] and [ok]")).isEqualTo("#[ok] and [ok]");
  }

  @Test
  void lineKeepsOrdinaryTextAsItIs() {
    String site = "com.acme.<Evil>.make(Evil.java:7) é ß 中 \\n";
    assertThat(ReportText.line(site)).isEqualTo(site);
    assertThat(ReportText.line(null)).isEqualTo("null");
  }

  @Test
  void wellFormedReplacesOnlyWhatNoDocumentCanHold() {
    assertThat(ReportText.wellFormed("a\uD800b\u0000c\u001bd\uFFFEe\tf\ng")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\tf\ng");
    String fine = "a\u202Eb\uD83D\uDE00";
    assertThat(ReportText.wellFormed(fine)).isSameAs(fine);
    assertThat(ReportText.wellFormed(null)).isNull();
  }
}
