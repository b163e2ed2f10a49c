package io.pitwall.jobs.offers;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by VIN: sends each fact about a vehicle to every owner whose profile names it. A fact
 * about a vehicle no profile names yet waits (a bounded number, for a bounded time): the CRM import
 * often lags the car, and a brake warning should not be lost because the owner's profile arrived
 * a minute later. Facts that wait in vain are counted ({@code offerFactsUnowned}).
 */
public final class VinOwnerRouter extends KeyedCoProcessFunction<String, VehicleFact, VinLink, OwnerInput> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(VinOwnerRouter.class);

    private final long retentionMillis;
    private final int maxWaiting;

    private transient MapState<String, Boolean> owners;
    private transient ListState<VehicleFact> waiting;
    private transient Counter unowned;

    public VinOwnerRouter(long retentionMillis, int maxWaiting) {
        this.retentionMillis = retentionMillis;
        this.maxWaiting = maxWaiting;
    }

    @Override
    public void open(OpenContext openContext) {
        owners = getRuntimeContext().getMapState(new MapStateDescriptor<>("vin-owners", Types.STRING, Types.BOOLEAN));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("facts-without-owner",
                TypeInformation.of(VehicleFact.class)));
        unowned = getRuntimeContext().getMetricGroup().counter("offerFactsUnowned");
    }

    @Override
    public void processElement1(VehicleFact fact, Context ctx, Collector<OwnerInput> out) throws Exception {
        boolean any = false;
        for (String ownerId : owners.keys()) {
            out.collect(OwnerInput.fact(ownerId, fact));
            any = true;
        }
        if (any) {
            return;
        }
        List<VehicleFact> queue = new ArrayList<>();
        waiting.get().forEach(queue::add);
        queue.add(fact);
        while (queue.size() > maxWaiting) {
            dropped(queue.remove(0), "more than " + maxWaiting + " facts are waiting for an owner");
        }
        waiting.update(queue);
        ctx.timerService().registerEventTimeTimer(fact.time + retentionMillis);
    }

    @Override
    public void processElement2(VinLink link, Context ctx, Collector<OwnerInput> out) throws Exception {
        if (!link.linked) {
            owners.remove(link.ownerId);
            return;
        }
        owners.put(link.ownerId, true);
        for (VehicleFact fact : waiting.get()) {
            out.collect(OwnerInput.fact(link.ownerId, fact));
        }
        waiting.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OwnerInput> out) throws Exception {
        List<VehicleFact> kept = new ArrayList<>();
        for (VehicleFact fact : waiting.get()) {
            if (fact.time + retentionMillis <= timestamp) {
                dropped(fact, "no owner profile has named the vehicle within " + retentionMillis / 60_000 + " min");
            } else {
                kept.add(fact);
            }
        }
        waiting.update(kept);
    }

    private void dropped(VehicleFact fact, String why) {
        unowned.inc();
        LOG.info("The {} of vehicle {} at {} leads to no offer: {}. Import the owner's profile to owner.profiles.",
                fact.kind, fact.vin, fact.time, why);
    }
}
