package dev.pilot.agent;

/** The build's version, from the jar manifest; {@code dev-build-not-for-release} when run from classes. */
final class Version {

    static final String VERSION = orDefault(Version.class.getPackage().getImplementationVersion());
    static final String GIT_HASH = "dev-build-not-for-release";

    private Version() {}

    private static String orDefault(String value) {
        return value == null ? "dev-build-not-for-release" : value;
    }
}
