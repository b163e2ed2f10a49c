package io.pitwall.localservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config.xml and users.xml of a private ClickHouse 18.16 server: loopback only, all state
 * under one directory, logs to the console, and a default profile with the settings Pitwall's
 * schema needs on that version.
 */
final class ClickHouseConfig {

    static final String CONFIG_FILE = "config.xml";
    static final String USERS_FILE = "users.xml";

    private ClickHouseConfig() {
    }

    /** Writes both files into {@code workDir} and creates the directories they name; returns config.xml. */
    static Path write(Path workDir, int httpPort, int tcpPort) throws IOException {
        Path data = Files.createDirectories(workDir.resolve("data"));
        Path tmp = Files.createDirectories(workDir.resolve("tmp"));
        Path userFiles = Files.createDirectories(workDir.resolve("user_files"));
        Path formatSchemas = Files.createDirectories(workDir.resolve("format_schemas"));
        Path config = workDir.resolve(CONFIG_FILE);
        Files.writeString(config, config(httpPort, tcpPort, data, tmp, userFiles, formatSchemas));
        Files.writeString(workDir.resolve(USERS_FILE), users());
        return config;
    }

    private static String config(int httpPort, int tcpPort, Path data, Path tmp, Path userFiles, Path formatSchemas) {
        // <yandex> is the root element ClickHouse 18.16 expects (newer servers still accept it).
        // No interserver_http_port: a single server has no replicas to talk to.
        // keep_alive_timeout: a graceful stop waits for idle keep-alive connections (which every
        // HTTP client pool holds) to time out - 10 s by default in 18.16, 2 s here.
        return """
                <?xml version="1.0"?>
                <!-- Written by pitwall-local-services; rewritten on every start. -->
                <yandex>
                    <logger>
                        <console>1</console>
                        <level>warning</level>
                    </logger>
                    <http_port>%d</http_port>
                    <tcp_port>%d</tcp_port>
                    <listen_host>127.0.0.1</listen_host>
                    <keep_alive_timeout>2</keep_alive_timeout>
                    <path>%s/</path>
                    <tmp_path>%s/</tmp_path>
                    <user_files_path>%s/</user_files_path>
                    <format_schema_path>%s/</format_schema_path>
                    <users_config>%s</users_config>
                    <default_profile>default</default_profile>
                    <default_database>default</default_database>
                    <timezone>UTC</timezone>
                    <max_concurrent_queries>100</max_concurrent_queries>
                    <mark_cache_size>268435456</mark_cache_size>
                    <uncompressed_cache_size>67108864</uncompressed_cache_size>
                </yandex>
                """.formatted(httpPort, tcpPort, xml(data), xml(tmp), xml(userFiles), xml(formatSchemas), USERS_FILE);
    }

    private static String users() {
        // LowCardinality(String) is experimental in 18.16 and refused without the setting; 4 GB per
        // query is plenty for tests and the local run and keeps one query from taking the machine.
        return """
                <?xml version="1.0"?>
                <!-- Written by pitwall-local-services; rewritten on every start. -->
                <yandex>
                    <profiles>
                        <default>
                            <max_memory_usage>4000000000</max_memory_usage>
                            <allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type>
                        </default>
                    </profiles>
                    <users>
                        <default>
                            <password></password>
                            <networks>
                                <ip>127.0.0.1</ip>
                                <ip>::1</ip>
                            </networks>
                            <profile>default</profile>
                            <quota>default</quota>
                        </default>
                    </users>
                    <quotas>
                        <default>
                            <interval>
                                <duration>3600</duration>
                                <queries>0</queries>
                                <errors>0</errors>
                                <result_rows>0</result_rows>
                                <read_rows>0</read_rows>
                                <execution_time>0</execution_time>
                            </interval>
                        </default>
                    </quotas>
                </yandex>
                """;
    }

    private static String xml(Path path) {
        return path.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
