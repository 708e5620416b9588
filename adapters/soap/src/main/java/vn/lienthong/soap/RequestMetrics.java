package vn.lienthong.soap;

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
import org.apache.cxf.metrics.micrometer.provider.jaxws.JaxwsOperationTagsCustomizer;
import org.apache.cxf.metrics.micrometer.provider.jaxws.JaxwsTags;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.jspecify.annotations.Nullable;

/**
 * CXF's request metrics for the SOAP exchange, on the endpoint only, not the bus, so SOAP
 * pushes are not counted as requests served: {@code cxf.server.requests} by method, uri (the
 * endpoint's fixed address), status, outcome, exception and operation, the same tag keys as
 * the REST API's, as one Prometheus metric takes one set of keys; a fault shows in status and
 * exception. CXF times a request both at the endpoint and at the operation, into the same
 * timer, which would count every request twice; only the operation's timing is kept. The REST
 * adapter has the same provider: adapters share no code.
 */
final class RequestMetrics implements MetricsProvider {

    private final MetricsProvider micrometer;

    private RequestMetrics(MeterRegistry meters) {
        this.micrometer = new MicrometerMetricsProvider(meters,
                new StandardTagsProvider(new DefaultExceptionClassProvider(), new StandardTags()),
                List.of(new JaxwsOperationTagsCustomizer(new JaxwsTags())), new DefaultTimedAnnotationProvider(),
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
