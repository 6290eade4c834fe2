package io.reflector.ingest.pipeline;

import java.util.ArrayList;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

/**
 * Collects the {@link TrackResult}s of a run's split in the body as an {@code ArrayList}, the typed body the mixdown
 * takes (Camel's grouped strategies keep their list in an exchange property).
 */
public class TrackResultsAggregation implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange aggregate, Exchange track) {
        TrackResult result = track.getMessage().getBody(TrackResult.class);
        if (aggregate == null) {
            // a fresh exchange, not the track's: a track whose failure its error handler handled would otherwise
            // mark the whole run as handled, and the run would stop after the split instead of going on to the mix
            ArrayList<TrackResult> results = new ArrayList<>();
            results.add(result);
            Exchange gathered = new DefaultExchange(track.getContext());
            gathered.getMessage().setBody(results);
            return gathered;
        }
        @SuppressWarnings("unchecked")
        ArrayList<TrackResult> results = aggregate.getMessage().getBody(ArrayList.class);
        results.add(result);
        return aggregate;
    }
}
