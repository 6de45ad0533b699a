package dev.pilot.bench.latency;

/** How each backend's physical limit is observed: the name of the raw observer in the tables. */
final class RawClients {

    private RawClients() {}

    static String describe(String backend) {
        return switch (backend) {
            case "local" -> "raw: inotify WatchService";
            case "consul" -> "raw: blocking query, JDK HttpClient";
            case "etcd" -> "raw: jetcd watch";
            case "zookeeper" -> "raw: Curator child watch";
            default -> "raw client";
        };
    }
}
