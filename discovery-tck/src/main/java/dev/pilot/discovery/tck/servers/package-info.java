/**
 * Launchers that start real catalog servers for tests, on 127.0.0.1 only, and stop them again.
 *
 * <ul>
 *   <li>{@link dev.pilot.discovery.tck.servers.ConsulServer}: a Consul dev agent (data in memory).</li>
 *   <li>{@link dev.pilot.discovery.tck.servers.EtcdServer}: one etcd node;
 *       {@link dev.pilot.discovery.tck.servers.EtcdCluster}: three, for failover.</li>
 *   <li>{@link dev.pilot.discovery.tck.servers.ZooKeeperServer}: one ZooKeeper server, a JVM of its own;
 *       {@link dev.pilot.discovery.tck.servers.ZooKeeperEnsemble}: three, for failover.</li>
 *   <li>{@link dev.pilot.discovery.tck.servers.SilentServer}: a listener that accepts and never
 *       answers, for timeout tests.</li>
 * </ul>
 * Each is a {@link dev.pilot.discovery.tck.servers.TestServer}: started by a static {@code launch}
 * factory that returns once the server serves, then {@code stop}, {@code start},
 * {@code restart(wipeData)} and {@code close}, always on the same ports.
 *
 * <p>Every server is a child process, stopped by its PID. Consul and etcd are binaries;
 * {@link dev.pilot.discovery.tck.servers.ServerBinaries} says where they are looked for
 * ({@code scripts/fetch-test-servers} fetches them) and what a missing one means: a skipped test,
 * or a failure under {@code CI=true}. ZooKeeper runs {@code QuorumPeerMain} on the tests' own Java,
 * from the jars this module's build resolved ({@code ZooKeeperJvm}). A JVM shutdown hook kills
 * any server that a test left running. {@link dev.pilot.discovery.tck.servers.FreePorts} hands out ports.
 *
 * <p>{@link dev.pilot.discovery.tck.servers.TcpProxy} is no server: it stands between a backend and
 * one, on 127.0.0.1, and counts the connections the backend opens and holds.
 */
package dev.pilot.discovery.tck.servers;
