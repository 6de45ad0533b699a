/**
 * Launchers that start real catalog servers for tests and benchmarks, on 127.0.0.1 only, and stop
 * them again. The JUnit extension that starts one per test class is {@code ServerExtension} in the
 * conformance suite's module ({@code dev.pilot.discovery.tck.servers}).
 *
 * <ul>
 *   <li>{@link dev.pilot.testservers.ConsulServer}: a Consul dev agent (data in memory);
 *       {@link dev.pilot.testservers.ConsulCluster}: three servers and a client agent, as Consul is deployed.</li>
 *   <li>{@link dev.pilot.testservers.EtcdServer}: one etcd node;
 *       {@link dev.pilot.testservers.EtcdCluster}: three, for failover.</li>
 *   <li>{@link dev.pilot.testservers.ZooKeeperServer}: one ZooKeeper server, a JVM of its own;
 *       {@link dev.pilot.testservers.ZooKeeperEnsemble}: three, for failover.</li>
 *   <li>{@link dev.pilot.testservers.SilentServer}: a listener that accepts and never
 *       answers, for timeout tests.</li>
 * </ul>
 * Each is a {@link dev.pilot.testservers.TestServer}: started by a static {@code launch}
 * factory that returns once the server serves, then {@code stop}, {@code start},
 * {@code restart(wipeData)} and {@code close}, always on the same ports. The single servers are
 * {@link dev.pilot.testservers.ProcessServer}s as well: {@code kill}, {@code freeze} (SIGSTOP) and
 * {@code thaw} (SIGCONT).
 *
 * <p>Every server is a child process, stopped by its PID ({@code ServerProcess}). A launcher
 * describes only its own server ({@code ServerNode}: command line, readiness, leadership); one
 * {@code ServerGroup} starts, stops, kills and wipes the servers of every launcher. Consul and etcd are binaries;
 * {@link dev.pilot.testservers.ServerBinaries} says where they are looked for
 * ({@code scripts/fetch-test-servers} fetches them) and what a missing one means: a skipped test
 * (a {@link dev.pilot.testservers.MissingServerException}), or a failure under {@code CI=true}. ZooKeeper runs {@code QuorumPeerMain} on the tests' own Java,
 * from the jars this module's build resolved ({@code ZooKeeperJvm}). A JVM shutdown hook kills
 * any server that a test left running. {@link dev.pilot.testservers.FreePorts} hands out ports.
 *
 * <p>{@link dev.pilot.testservers.TcpProxy} is no server: it stands between a backend and
 * one, on 127.0.0.1, and counts the connections the backend opens and holds.
 */
package dev.pilot.testservers;
