/**
 * Mutation testing of the conformance suite: {@link dev.pilot.discovery.tck.mutation.Mutants}
 * lists deliberately broken backends (real clients wrapped to have one defect each), and
 * {@link dev.pilot.discovery.tck.mutation.MutationRun} runs the suite against each through the
 * JUnit Platform launcher and prints which tests killed it.
 */
package dev.pilot.discovery.tck.mutation;
