/**
 * {@link dev.pilot.discovery.tck.servers.ServerExtension}: the JUnit extension that starts a real
 * server for a test class and stops it after. The launchers it calls live in the
 * {@code test-servers} module, package {@code dev.pilot.testservers}.
 */
package dev.pilot.discovery.tck.servers;
