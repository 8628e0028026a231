package org.tessera.imaging;

/** A run parameter that cannot be used; the message names the parameter as its {@code tessera image} option. */
public class ParameterException extends IllegalArgumentException {
    public ParameterException(String message) {
        super(message);
    }
}
