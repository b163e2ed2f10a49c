package io.pitwall.sink.clickhouse.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the migrations shipped as resources under {@code db/migrations/}. The list of files is kept
 * in {@code db/migrations/index.txt} because a classpath folder cannot be listed portably inside a
 * job jar.
 */
public final class MigrationCatalog {

    static final String FOLDER = "db/migrations/";
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{3})__([a-z0-9_]+)\\.sql");

    private MigrationCatalog() {
    }

    public static List<Migration> load() {
        List<Migration> migrations = new ArrayList<>();
        for (String file : readLines(FOLDER + "index.txt")) {
            Matcher m = FILE_NAME.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("Migration file '" + file
                        + "' must be named V<3 digits>__<lower_snake_name>.sql");
            }
            String sql = String.join("\n", readLines(FOLDER + file));
            List<String> statements = splitStatements(sql);
            // The checksum covers what runs, not the comments: a clarified comment is no schema change.
            migrations.add(new Migration(Integer.parseInt(m.group(1)), m.group(2),
                    sha256(String.join(";\n", statements)), statements));
        }
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalStateException("Migrations must be numbered 1, 2, 3... without gaps; found "
                        + migrations.stream().map(Migration::version).collect(Collectors.toList()));
            }
        }
        return migrations;
    }

    /** Statements end with a semicolon at the end of a line; {@code --} comment lines are dropped. */
    static List<String> splitStatements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("Last statement is missing its closing ';': " + current);
        }
        return statements;
    }

    private static List<String> readLines(String resource) {
        InputStream in = MigrationCatalog.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Resource " + resource + " is missing from the classpath");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !resource.endsWith("index.txt") || !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
