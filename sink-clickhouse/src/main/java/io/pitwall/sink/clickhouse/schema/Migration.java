package io.pitwall.sink.clickhouse.schema;

import java.util.List;

/** One versioned DDL file, split into the statements it holds. */
public record Migration(int version, String name, String checksum, List<String> statements) {
}
