package vn.lienthong.core.agency;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Loads the registry from the database, then applies the registry file if its content changed
 * since it was last applied, once all beans exist and before anything starts consuming or
 * serving, so every agency is known from the first request on. Several instances starting at
 * once on one database take turns (see {@link AgencyRegistry#applyFile}): one applies, the
 * others find it applied.
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
        if (registry.applyFile(AgencyFile.fingerprint(registrations), registrations)) {
            log.info("agency registry file {} applied: {} agencies in the file, {} registered", file,
                    registrations.size(), registry.all().size());
        } else {
            log.info("agency registry file {} unchanged since it was last applied: {} agencies registered, "
                    + "changes made through the admin API kept", file, registry.all().size());
        }
    }
}
