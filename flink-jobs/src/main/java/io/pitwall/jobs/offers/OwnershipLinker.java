package io.pitwall.jobs.offers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by owner: turns each new profile (or erasure) into the changes of which vehicles the owner
 * has - a link for every VIN it names, an unlink for every VIN the previous profile named and this
 * one does not (a car sold). Facts arrive per VIN; these links let them find their owners.
 */
public final class OwnershipLinker extends KeyedProcessFunction<String, OwnerInput, VinLink> {

    private static final long serialVersionUID = 1L;

    private transient ListState<String> vins;

    @Override
    public void open(OpenContext openContext) {
        vins = getRuntimeContext().getListState(new ListStateDescriptor<>("owner-vins", Types.STRING));
    }

    @Override
    public void processElement(OwnerInput input, Context ctx, Collector<VinLink> out) throws Exception {
        Set<String> before = new LinkedHashSet<>();
        vins.get().forEach(before::add);
        Set<String> now = new LinkedHashSet<>();
        if (input.type == OwnerInput.Type.PROFILE && input.profile().vins() != null) {
            now.addAll(input.profile().vins());
        }
        for (String vin : before) {
            if (!now.contains(vin)) {
                out.collect(new VinLink(vin, input.ownerId, false));
            }
        }
        // Re-linking a VIN already linked is harmless and heals a router that lost it.
        for (String vin : now) {
            out.collect(new VinLink(vin, input.ownerId, true));
        }
        if (now.isEmpty()) {
            vins.clear();
        } else {
            vins.update(new ArrayList<>(now));
        }
    }
}
