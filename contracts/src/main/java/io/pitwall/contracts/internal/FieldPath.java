package io.pitwall.contracts.internal;

/**
 * Where a value sits inside a message, written the way error messages show it:
 * {@code samples[3].signals["Vehicle.Speed"]}. The text is only put together when a message is
 * refused; on the accepted path a step costs one small object.
 */
public final class FieldPath {

    public static final FieldPath ROOT = new FieldPath(null, Step.ROOT, null, 0);

    private enum Step { ROOT, FIELD, INDEX, KEY }

    private final FieldPath parent;
    private final Step step;
    private final String name;
    private final int index;

    private FieldPath(FieldPath parent, Step step, String name, int index) {
        this.parent = parent;
        this.step = step;
        this.name = name;
        this.index = index;
    }

    public FieldPath field(String fieldName) {
        return new FieldPath(this, Step.FIELD, fieldName, 0);
    }

    public FieldPath index(int arrayIndex) {
        return new FieldPath(this, Step.INDEX, null, arrayIndex);
    }

    /** A map entry whose key is data, not a field name, so it is quoted. */
    public FieldPath key(String mapKey) {
        return new FieldPath(this, Step.KEY, mapKey, 0);
    }

    @Override
    public String toString() {
        return step == Step.ROOT ? "the message" : appendTo(new StringBuilder()).toString();
    }

    private StringBuilder appendTo(StringBuilder out) {
        if (step == Step.ROOT) {
            return out;
        }
        parent.appendTo(out);
        return switch (step) {
            case FIELD -> (out.length() == 0 ? out : out.append('.')).append(name);
            case INDEX -> out.append('[').append(index).append(']');
            case KEY -> out.append('[').append(Text.quote(name)).append(']');
            case ROOT -> out;
        };
    }
}
