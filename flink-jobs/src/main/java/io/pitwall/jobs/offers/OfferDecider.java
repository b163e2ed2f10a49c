package io.pitwall.jobs.offers;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.notices.VehicleNoticeRecord;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.offers.channels.DeliveryOutcome;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by owner: the offer decisions. Every decision goes to the main output (for
 * {@code service.offers} and ClickHouse); what is sent leaves through a side output - head-unit
 * notices with their delivery event, or offers for the HTTP channels. Held offers and follow-ups
 * wait on event-time timers, so that quiet hours and "seven days after the service" follow the
 * fleet's clock: in a live fleet that is the wall clock, in a simulation its accelerated time.
 *
 * <p>The decision instant is the triggering fact's event time, or the watermark if that is later
 * (a batch arriving hours late is decided as of now, not as of its old timestamp).
 */
public final class OfferDecider extends KeyedProcessFunction<String, OwnerInput, ServiceOffer> {

    private static final long serialVersionUID = 1L;

    /** Offers for the webhook, app and WeCom channels. */
    public static final OutputTag<ServiceOffer> TO_DELIVER = new OutputTag<>("offers-to-deliver") { };
    /** {@code vehicle.notices} records keyed by VIN. */
    public static final OutputTag<KeyedBytes> NOTICES = new OutputTag<>("head-unit-notices") { };
    /** {@code offer.events} records keyed by owner: the head unit's deliveries. */
    public static final OutputTag<KeyedBytes> EVENTS = new OutputTag<>("head-unit-offer-events") { };

    private final OfferSettings settings;

    private transient OwnerOfferEngine engine;
    private transient ValueState<byte[]> state;
    private transient Map<Decision, Counter> decisions;
    private transient Counter replays;
    private transient Counter healthRepeats;

    public OfferDecider(OfferSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        engine = settings.engine();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("owner-offer-state",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        decisions = new EnumMap<>(Decision.class);
        for (Decision d : Decision.values()) {
            String name = d.name().charAt(0) + d.name().substring(1).toLowerCase();
            decisions.put(d, getRuntimeContext().getMetricGroup().counter("offerDecisions" + name));
        }
        replays = getRuntimeContext().getMetricGroup().counter("offerReplaysSkipped");
        healthRepeats = getRuntimeContext().getMetricGroup().counter("offerHealthRepeatsSkipped");
    }

    @Override
    public void processElement(OwnerInput input, Context ctx, Collector<ServiceOffer> out) throws Exception {
        OwnerOfferState owner = OwnerStateCodec.read(state.value());
        Instant now = Instant.ofEpochMilli(Math.max(input.time, ctx.timerService().currentWatermark()));
        Output output = new Output(ctx, out);
        switch (input.type) {
            case PROFILE -> engine.onProfile(owner, input.ownerId, input.profile(),
                    Instant.ofEpochMilli(ctx.timerService().currentWatermark()), output);
            case ERASED -> engine.onErased(owner, input.ownerId, now, output);
            case OPT_OUT -> engine.onOptOut(owner, Json.read(input.json, OfferEvent.class));
            case FACT -> engine.onFact(owner, input.ownerId, input.factKind, input.json, now, output);
        }
        save(owner);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ServiceOffer> out) throws Exception {
        OwnerOfferState owner = OwnerStateCodec.read(state.value());
        engine.onWake(owner, ctx.getCurrentKey(), Instant.ofEpochMilli(timestamp), new Output(ctx, out));
        save(owner);
    }

    private void save(OwnerOfferState owner) throws Exception {
        if (owner.isEmpty()) {
            state.clear();
        } else {
            state.update(OwnerStateCodec.write(owner));
        }
    }

    /** Maps the engine's calls onto this operator's outputs and timers. */
    private final class Output implements OfferOutput {
        private final Context ctx;
        private final Collector<ServiceOffer> out;

        Output(Context ctx, Collector<ServiceOffer> out) {
            this.ctx = ctx;
            this.out = out;
        }

        @Override
        public void decided(ServiceOffer offer) {
            decisions.get(offer.decision()).inc();
            out.collect(offer);
        }

        @Override
        public void toHeadUnit(ServiceOffer offer, VehicleNoticeRecord notice) {
            ctx.output(NOTICES, new KeyedBytes(notice.vin(), Json.write(notice)));
            // Handing the notice to vehicle.notices is the head unit's delivery; the gateway
            // publishes it at QoS 1 and queues it while the car is offline.
            DeliveryOutcome queued = new DeliveryOutcome(DeliveryOutcome.Status.DELIVERED, offer.channel(), 1, null,
                    "queued-for-head-unit", null);
            OfferEvent event = queued.toOfferEvent(offer.offerId(), offer.ownerId(), Instant.ofEpochMilli(offer.decidedAt()));
            ctx.output(EVENTS, new KeyedBytes(offer.ownerId(), Json.write(event)));
        }

        @Override
        public void toDeliver(ServiceOffer offer) {
            ctx.output(TO_DELIVER, offer);
        }

        @Override
        public void wakeAt(Instant at) {
            ctx.timerService().registerEventTimeTimer(at.toEpochMilli());
        }

        @Override
        public void replaySkipped(String offerId) {
            replays.inc();
        }

        @Override
        public void healthRepeatSkipped(String recommendation) {
            healthRepeats.inc();
        }
    }
}
