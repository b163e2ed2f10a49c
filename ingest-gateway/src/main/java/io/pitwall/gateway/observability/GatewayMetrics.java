package io.pitwall.gateway.observability;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.pitwall.gateway.mqtt.GatewayCounters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The gateway's Prometheus metrics. Handlers count by name in {@link GatewayCounters}
 * ({@code rejected.vin-mismatch}, {@code publish.in.qos1}, ...); at scrape time the names become
 * labelled series, so adding a new refusal never needs a new metric declaration:
 * <ul>
 *   <li>{@code outbound.dropped.R} -> {@code pitwall_gateway_outbound_dropped_total{reason}}</li>
 *   <li>{@code publish.in.qosN}, {@code publish.out.qosN} -> {@code pitwall_gateway_publishes_{in,out}_total{qos}}</li>
 *   <li>{@code rejected.R} -> {@code pitwall_gateway_rejected_total{reason}} (payloads sent to the rejected topic)</li>
 *   <li>{@code refused.C} -> {@code pitwall_gateway_refused_total{cause}} (CONNECTs, publishes, subscriptions)</li>
 *   <li>{@code limit.L} -> {@code pitwall_gateway_limit_exceeded_total{limit}}</li>
 *   <li>{@code disconnect.R} -> {@code pitwall_gateway_disconnects_total{reason}}</li>
 *   <li>{@code kafka.write-failed} -> {@code pitwall_gateway_kafka_write_errors_total}</li>
 *   <li>anything else -> {@code pitwall_gateway_events_total{event}}</li>
 * </ul>
 * plus gauges (connections, sessions, Kafka writes in flight and waiting, paused connections), the Kafka write
 * latency histogram and the seconds connections spent with reading paused.
 */
public final class GatewayMetrics {

    private static final Map<String, String[]> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put("outbound.dropped.", new String[] {"pitwall_gateway_outbound_dropped", "reason", "Messages to clients not delivered, by reason"});
        FAMILIES.put("publish.in.", new String[] {"pitwall_gateway_publishes_in", "qos", "PUBLISH packets received by QoS"});
        FAMILIES.put("publish.out.", new String[] {"pitwall_gateway_publishes_out", "qos", "PUBLISH packets sent to clients by QoS"});
        FAMILIES.put("rejected.", new String[] {"pitwall_gateway_rejected", "reason", "Payloads refused by validation and written to the rejected topic"});
        FAMILIES.put("refused.", new String[] {"pitwall_gateway_refused", "cause", "Connections, publishes and subscriptions refused"});
        FAMILIES.put("limit.", new String[] {"pitwall_gateway_limit_exceeded", "limit", "Times a configured limit was exceeded"});
        FAMILIES.put("disconnect.", new String[] {"pitwall_gateway_disconnects", "reason", "Connections ended by the gateway or the client, by reason"});
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();

    public GatewayMetrics(GatewayCounters counters) {
        registry.register(counters.kafkaWriteSeconds());
        registry.register((MultiCollector) () -> collect(counters));
        CounterWithCallback.builder().name("pitwall_gateway_backpressure_seconds")
                .help("Seconds connections spent with reading paused because Kafka writes were in flight at the bound")
                .callback(cb -> cb.call(counters.backpressureSeconds()))
                .register(registry);
    }

    /** Adds a gauge read at scrape time. */
    public void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    private static MetricSnapshots collect(GatewayCounters counters) {
        Map<String, CounterSnapshot.Builder> families = new LinkedHashMap<>();
        CounterSnapshot.Builder events = CounterSnapshot.builder().name("pitwall_gateway_events")
                .help("Other things the gateway counts, by name");
        CounterSnapshot.Builder kafkaErrors = CounterSnapshot.builder().name("pitwall_gateway_kafka_write_errors")
                .help("Kafka writes that failed (the publish was not acknowledged)");
        double kafkaErrorCount = 0;
        for (Map.Entry<String, Long> e : counters.snapshot().entrySet()) {
            String name = e.getKey();
            if (name.equals("kafka.write-failed")) {
                kafkaErrorCount = e.getValue();
                continue;
            }
            boolean placed = false;
            for (Map.Entry<String, String[]> family : FAMILIES.entrySet()) {
                if (name.startsWith(family.getKey())) {
                    String[] spec = family.getValue();
                    String label = name.substring(family.getKey().length());
                    if (spec[1].equals("qos") && label.startsWith("qos")) {
                        label = label.substring(3);
                    }
                    families.computeIfAbsent(spec[0], n -> CounterSnapshot.builder().name(n).help(spec[2]))
                            .dataPoint(point(e.getValue(), spec[1], label));
                    placed = true;
                    break;
                }
            }
            if (!placed) {
                events.dataPoint(point(e.getValue(), "event", name));
            }
        }
        kafkaErrors.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(kafkaErrorCount).build());
        List<MetricSnapshot> out = new ArrayList<>();
        families.values().forEach(b -> out.add(b.build()));
        out.add(events.build());
        out.add(kafkaErrors.build());
        return new MetricSnapshots(out);
    }

    private static CounterSnapshot.CounterDataPointSnapshot point(double value, String label, String labelValue) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().value(value).labels(Labels.of(label, labelValue)).build();
    }
}
