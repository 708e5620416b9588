package vn.lienthong.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.List;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.metrics.MetricsFeature;
import org.apache.cxf.metrics.micrometer.MicrometerMetricsProperties;
import org.apache.cxf.metrics.micrometer.MicrometerMetricsProvider;
import org.apache.cxf.metrics.micrometer.provider.DefaultExceptionClassProvider;
import org.apache.cxf.metrics.micrometer.provider.DefaultTimedAnnotationProvider;
import org.apache.cxf.metrics.micrometer.provider.StandardTags;
import org.apache.cxf.metrics.micrometer.provider.StandardTagsProvider;
import org.apache.cxf.metrics.micrometer.provider.TagsProvider;
import org.apache.cxf.metrics.micrometer.provider.jaxrs.JaxrsOperationTagsCustomizer;
import org.apache.cxf.metrics.micrometer.provider.jaxrs.JaxrsTags;

/**
 * CXF's request metrics for the REST API ({@code cxf.server.requests}: method, uri, status,
 * outcome, exception, operation). The {@code uri} tag is the matched resource template,
 * such as {@code /envelopes/{id}}; a request that matched none keeps CXF from tagging the raw
 * path, which could name an envelope or a dossier, or anything a scanner tries.
 */
final class RequestMetrics implements TagsProvider {

    static final String TEMPLATE = "jaxrs.template.uri";
    private static final Tag UNMATCHED = Tag.of("uri", "UNMATCHED");

    private final TagsProvider standard = new StandardTagsProvider(new DefaultExceptionClassProvider(), new StandardTags());

    static MetricsFeature feature(MeterRegistry meters) {
        return new MetricsFeature(new MicrometerMetricsProvider(meters, new RequestMetrics(),
                List.of(new JaxrsOperationTagsCustomizer(new JaxrsTags())), new DefaultTimedAnnotationProvider(),
                new MicrometerMetricsProperties()));
    }

    @Override
    public Iterable<Tag> getTags(Exchange exchange, boolean client) {
        Message request = exchange.getInMessage();
        boolean matched = request != null && request.get(TEMPLATE) != null;
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : standard.getTags(exchange, client)) {
            tags.add(!matched && tag.getKey().equals("uri") ? UNMATCHED : tag);
        }
        return tags;
    }
}
