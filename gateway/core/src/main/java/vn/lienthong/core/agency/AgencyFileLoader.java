package vn.lienthong.core.agency;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Loads the registry from the database, then applies the registry file, once all beans exist
 * and before anything starts consuming or serving, so every agency is known from the first
 * request on. Several instances starting at once on one database all apply the file: each
 * registration waits for the others' (see {@link AgencyRegistry}), so they agree and none fails.
 */
public class AgencyFileLoader implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AgencyFileLoader.class);

    private final AgencyRegistry registry;
    private final @Nullable Path file;

    public AgencyFileLoader(AgencyRegistry registry, @Nullable Path file) {
        this.registry = registry;
        this.file = file;
    }

    @Override
    public void afterSingletonsInstantiated() {
        registry.reload();
        if (file == null) {
            log.info("no agency registry file configured; {} agencies registered", registry.all().size());
            return;
        }
        List<AgencyRegistration> registrations = AgencyFile.read(file);
        registrations.forEach(registry::register);
        log.info("agency registry file {} applied: {} agencies in the file, {} registered", file,
                registrations.size(), registry.all().size());
    }
}
