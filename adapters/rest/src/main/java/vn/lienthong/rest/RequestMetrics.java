package vn.lienthong.rest;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.cxf.endpoint.Endpoint;
import org.apache.cxf.metrics.MetricsContext;
import org.apache.cxf.metrics.MetricsFeature;
import org.apache.cxf.metrics.MetricsProvider;
import org.apache.cxf.metrics.micrometer.MicrometerMetricsProperties;
import org.apache.cxf.metrics.micrometer.MicrometerMetricsProvider;
import org.apache.cxf.metrics.micrometer.provider.DefaultExceptionClassProvider;
import org.apache.cxf.metrics.micrometer.provider.DefaultTimedAnnotationProvider;
import org.apache.cxf.metrics.micrometer.provider.StandardTags;
import org.apache.cxf.metrics.micrometer.provider.StandardTagsProvider;
import org.apache.cxf.metrics.micrometer.provider.jaxrs.JaxrsOperationTagsCustomizer;
import org.apache.cxf.metrics.micrometer.provider.jaxrs.JaxrsTags;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.jspecify.annotations.Nullable;

/**
 * CXF's request metrics for the REST API: {@code cxf.server.requests} by method, uri (the
 * matched resource template, such as {@code /api/v1/envelopes/{id}}, never the raw path),
 * status, outcome, exception and operation. CXF times a request both at the endpoint and at
 * the operation, into the same timer, which would count every request twice; only the
 * operation's timing is kept, so a request that matched no resource (a 404) is not timed and
 * cannot bring a path of its own as a tag.
 */
final class RequestMetrics implements MetricsProvider {

    private final MetricsProvider micrometer;

    private RequestMetrics(MeterRegistry meters) {
        this.micrometer = new MicrometerMetricsProvider(meters,
                new StandardTagsProvider(new DefaultExceptionClassProvider(), new StandardTags()),
                List.of(new JaxrsOperationTagsCustomizer(new JaxrsTags())), new DefaultTimedAnnotationProvider(),
                new MicrometerMetricsProperties());
    }

    static MetricsFeature feature(MeterRegistry meters) {
        return new MetricsFeature(new RequestMetrics(meters));
    }

    @Override
    public @Nullable MetricsContext createEndpointContext(Endpoint endpoint, boolean client, String clientId) {
        return null;
    }

    @Override
    public MetricsContext createOperationContext(Endpoint endpoint, BindingOperationInfo operation, boolean client,
                                                 String clientId) {
        return micrometer.createOperationContext(endpoint, operation, client, clientId);
    }

    @Override
    public MetricsContext createResourceContext(Endpoint endpoint, String resource, boolean client, String clientId) {
        return micrometer.createResourceContext(endpoint, resource, client, clientId);
    }
}
