package dev.pilot.agent.config.template;

/** A template could not be parsed or executed; the message names the line and what went wrong. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
