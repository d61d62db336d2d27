package dev.leakgate.agent.registry;

import java.util.List;

/**
 * Components of one site built outside every running test's scope while several tests ran, so no
 * test could be blamed for them.
 *
 * @param kind the component kind
 * @param site the creating line
 * @param count how many were built there so
 * @param tests the tests running when the first of them was built
 */
public record UnattributedSnapshot(Kind kind, CallSite site, long count, List<String> tests) {}
