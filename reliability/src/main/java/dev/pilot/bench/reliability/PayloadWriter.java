package dev.pilot.bench.reliability;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.DeleteOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * Writes arbitrary bytes where a catalog keeps an instance, with the server's own client,
 * bypassing Pilot: an etcd key, a ZooKeeper node, a file of the local catalog, or (Consul, which
 * only stores what it validates) a registration body. Reads Pilot's own document back as the
 * seed of mutations.
 */
interface PayloadWriter extends AutoCloseable {

    String PREFIX = "/containerpilot/";

    /** Puts {@code body} as instance {@code id} of {@code service}; false when the server refused it. */
    boolean write(String service, String id, byte[] body);

    /** The document Pilot itself stored for instance {@code id}, as the seed of mutations. */
    byte[] read(String service, String id);

    /** Removes every instance of {@code service}. */
    void clear(String service);

    @Override
    void close();

    static PayloadWriter forTarget(String backend, Object directConfig) {
        return switch (backend) {
            case "etcd" -> new Etcd(String.valueOf(((Map<?, ?>) directConfig).get("endpoints")));
            case "zookeeper" -> new ZooKeeper(String.valueOf(((Map<?, ?>) directConfig).get("address")));
            case "local" -> new Local(Path.of(String.valueOf(directConfig)));
            case "consul" -> new Consul(String.valueOf(((Map<?, ?>) directConfig).get("address")));
            default -> throw new IllegalArgumentException(backend);
        };
    }

    /** etcd keys {@code /containerpilot/{service}/{id}}. */
    final class Etcd implements PayloadWriter {
        private final Client client;

        Etcd(String endpoint) {
            client = Client.builder().endpoints(endpoint).build();
        }

        private static ByteSequence bytes(String text) {
            return ByteSequence.from(text, StandardCharsets.UTF_8);
        }

        @Override
        public boolean write(String service, String id, byte[] body) {
            await(client.getKVClient().put(bytes(PREFIX + service + "/" + id), ByteSequence.from(body)));
            return true;
        }

        @Override
        public byte[] read(String service, String id) {
            var kvs = await(client.getKVClient().get(bytes(PREFIX + service + "/" + id))).getKvs();
            return kvs.isEmpty() ? new byte[0] : kvs.getFirst().getValue().getBytes();
        }

        @Override
        public void clear(String service) {
            ByteSequence prefix = bytes(PREFIX + service + "/");
            await(client.getKVClient().delete(prefix, DeleteOption.builder().isPrefix(true).build()));
        }

        @Override
        public void close() {
            client.close();
        }

        private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
            try {
                return future.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("etcd: " + e, e);
            }
        }
    }

    /** ZooKeeper nodes {@code /containerpilot/{service}/{id}}. */
    final class ZooKeeper implements PayloadWriter {
        private final CuratorFramework client;

        ZooKeeper(String address) {
            client = CuratorFrameworkFactory.newClient(address, 30_000, 15_000, new RetryOneTime(100));
            client.start();
            try {
                client.blockUntilConnected(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public boolean write(String service, String id, byte[] body) {
            try {
                String path = PREFIX + service + "/" + id;
                if (client.checkExists().forPath(path) == null) {
                    client.create().creatingParentsIfNeeded().forPath(path, body);
                } else {
                    client.setData().forPath(path, body);
                }
                return true;
            } catch (Exception e) {
                throw new IllegalStateException("zookeeper: " + e, e);
            }
        }

        @Override
        public byte[] read(String service, String id) {
            try {
                return client.getData().forPath(PREFIX + service + "/" + id);
            } catch (Exception e) {
                return new byte[0];
            }
        }

        @Override
        public void clear(String service) {
            try {
                if (client.checkExists().forPath(PREFIX + service) != null) {
                    client.delete().deletingChildrenIfNeeded().forPath(PREFIX + service);
                }
            } catch (Exception e) {
                throw new IllegalStateException("zookeeper: " + e, e);
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** Files {@code {directory}/{service}/{id}.json}. */
    final class Local implements PayloadWriter {
        private final Path directory;

        Local(Path directory) {
            this.directory = directory;
        }

        @Override
        public boolean write(String service, String id, byte[] body) {
            try {
                Files.createDirectories(directory.resolve(service));
                Files.write(directory.resolve(service).resolve(id + ".json"), body);
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public byte[] read(String service, String id) {
            try {
                return Files.readAllBytes(directory.resolve(service).resolve(id + ".json"));
            } catch (IOException e) {
                return new byte[0];
            }
        }

        @Override
        public void clear(String service) {
            try (Stream<Path> files = Files.walk(directory.resolve(service))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // nothing there
            }
        }

        @Override
        public void close() {}
    }

    /**
     * Consul registrations: Consul validates what it stores, so the fuzz is of the registration body
     * (address, port, tags, meta); what Consul accepts comes back in the health JSON Pilot reads.
     */
    final class Consul implements PayloadWriter {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final URI base;

        Consul(String address) {
            base = URI.create("http://" + address);
        }

        @Override
        public boolean write(String service, String id, byte[] body) {
            HttpResponse<String> response = send("PUT", "/v1/agent/service/register", body);
            return response.statusCode() == 200;
        }

        @Override
        public byte[] read(String service, String id) {
            return ("{\"ID\": \"" + id + "\", \"Name\": \"" + service + "\", \"Address\": \"127.0.0.1\", \"Port\": 8080, "
                    + "\"Tags\": [\"a\"], \"Meta\": {\"k\": \"v\"}}").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void clear(String service) {
            String body = send("GET", "/v1/agent/services", null).body();
            for (String id : body.split("\"ID\":\"")) {
                int end = id.indexOf('"');
                if (end > 0) { // every registration: a fuzzed body may have changed the id
                    send("PUT", "/v1/agent/service/deregister/" + java.net.URLEncoder.encode(id.substring(0, end),
                            StandardCharsets.UTF_8).replace("+", "%20"), null);
                }
            }
        }

        private HttpResponse<String> send(String method, String path, byte[] body) {
            try {
                HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
