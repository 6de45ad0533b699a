package dev.pilot.bench;

/** Whether a row of a result holds numbers, and if not, why not (the row's note says more). */
public enum Status {
    /** The numbers were measured in this run. */
    MEASURED,
    /** Nothing to measure yet, e.g. the backend or the agent is not on the class path. */
    NOT_MEASURED,
    /** The measurement started and broke; the note holds the error. */
    FAILED
}
