package dev.pilot.bench.reliability;

import java.time.Duration;

/** The faults the reliability suite injects, in report order. */
enum FaultScenario {
    WIPED("catalog wiped (stopped, data deleted, started)", Duration.ZERO),
    SIGKILLED("catalog SIGKILLed, started again after 3 s", Duration.ofSeconds(3)),
    FROZEN("catalog frozen (SIGSTOP) for 15 s, then SIGCONT", Duration.ofSeconds(15)),
    PARTITION_SHORT("client cut from the catalog for 5 s (< TTL 10 s), then healed", Duration.ofSeconds(5)),
    PARTITION_LONG("client cut from the catalog for 20 s (> TTL 10 s), then healed", Duration.ofSeconds(20));

    private final String description;
    private final Duration hold;

    FaultScenario(String description, Duration hold) {
        this.description = description;
        this.hold = hold;
    }

    String description() {
        return description;
    }

    /** How long the fault lasts before the catalog is restored. */
    Duration hold() {
        return hold;
    }

    boolean isPartition() {
        return this == PARTITION_SHORT || this == PARTITION_LONG;
    }
}
