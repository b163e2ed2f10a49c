package io.pitwall.jobs.accuracy;

import io.pitwall.jobs.input.VehicleInput;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded source for MiniCluster tests that pulls a simulated fleet's inputs from an iterator in
 * this JVM as the job reads them, so a run of months never has to be held in memory (the
 * MiniCluster runs in the test's JVM; only the iterator's name is serialized). One split,
 * parallelism 1; no checkpoints (a restarted job could not rewind the iterator).
 */
final class ScenarioSource implements Source<VehicleInput, ScenarioSource.Split, Collection<ScenarioSource.Split>> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Iterator<VehicleInput>> ITERATORS = new ConcurrentHashMap<>();

    private final String name;

    private ScenarioSource(String name) {
        this.name = name;
    }

    static ScenarioSource of(String name, Iterator<VehicleInput> inputs) {
        ITERATORS.put(name, inputs);
        return new ScenarioSource(name);
    }

    static void release(String name) {
        ITERATORS.remove(name);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<VehicleInput, Split> createReader(SourceReaderContext context) {
        return new IteratorSourceReader<>(context);
    }

    @Override
    public SplitEnumerator<Split, Collection<Split>> createEnumerator(SplitEnumeratorContext<Split> context) {
        return new IteratorSourceEnumerator<>(context, List.of(new Split(name)));
    }

    @Override
    public SplitEnumerator<Split, Collection<Split>> restoreEnumerator(SplitEnumeratorContext<Split> context,
                                                                     Collection<Split> checkpoint) {
        return new IteratorSourceEnumerator<>(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<Split>> getEnumeratorCheckpointSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Collection<Split> splits) {
                return String.join("\n", splits.stream().map(Split::splitId).toList()).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public Collection<Split> deserialize(int version, byte[] bytes) {
                List<Split> splits = new ArrayList<>();
                String names = new String(bytes, StandardCharsets.UTF_8);
                if (!names.isEmpty()) {
                    for (String n : names.split("\n")) {
                        splits.add(new Split(n));
                    }
                }
                return splits;
            }
        };
    }

    /** The whole scenario, named after the iterator it reads. */
    static final class Split implements IteratorSourceSplit<VehicleInput, Iterator<VehicleInput>> {
        private final String name;

        Split(String name) {
            this.name = name;
        }

        @Override
        public String splitId() {
            return name;
        }

        @Override
        public Iterator<VehicleInput> getIterator() {
            return ITERATORS.get(name);
        }

        @Override
        public IteratorSourceSplit<VehicleInput, Iterator<VehicleInput>> getUpdatedSplitForIterator(
                Iterator<VehicleInput> iterator) {
            return this;
        }
    }

    private static final class SplitSerializer implements SimpleVersionedSerializer<Split> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Split split) {
            return split.splitId().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Split deserialize(int version, byte[] bytes) {
            return new Split(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
