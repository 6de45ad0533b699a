package dev.pilot.bench.throughput;

/** What each backend's raw heartbeat is, as the tables name it. */
final class RawHeartbeatNames {

    private RawHeartbeatNames() {}

    static String describe(String backend) {
        return switch (backend) {
            case "local" -> "raw: the instance file's modification time set";
            case "consul" -> "raw: PUT /v1/agent/check/pass, JDK HttpClient";
            case "etcd" -> "raw: jetcd lease keep-alive-once";
            case "zookeeper" -> "raw: Curator setData";
            default -> "raw client";
        };
    }
}
