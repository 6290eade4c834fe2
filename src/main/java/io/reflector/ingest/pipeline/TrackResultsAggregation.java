package io.reflector.ingest.pipeline;

import java.util.ArrayList;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Collects the {@link TrackResult}s of a recording in the body as an {@code ArrayList}. Camel's grouped strategies
 * keep their list in an exchange property, which the JDBC aggregation repository does not store.
 */
public class TrackResultsAggregation implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange aggregate, Exchange track) {
        TrackResult result = track.getMessage().getBody(TrackResult.class);
        if (aggregate == null) {
            ArrayList<TrackResult> results = new ArrayList<>();
            results.add(result);
            track.getMessage().setBody(results);
            return track;
        }
        @SuppressWarnings("unchecked")
        ArrayList<TrackResult> results = aggregate.getMessage().getBody(ArrayList.class);
        results.add(result);
        return aggregate;
    }
}
