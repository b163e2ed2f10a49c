package io.pitwall.jobs.offers;

/** A Kafka record already written as JSON: its key (VIN or owner id) and value. */
public class KeyedBytes {

    public String key;
    public byte[] value;

    public KeyedBytes() {
    }

    public KeyedBytes(String key, byte[] value) {
        this.key = key;
        this.value = value;
    }
}
