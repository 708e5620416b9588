package vn.lienthong.example.department;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The settings of the demo's departments, bound from the application's own YAML files as Spring Boot binds them. */
final class DemoSettings {

    private DemoSettings() {
    }

    static DepartmentProperties landOffice() {
        return bind("application-land-office.yml");
    }

    static DepartmentProperties finance() {
        return bind("application-finance.yml");
    }

    private static DepartmentProperties bind(String profileFile) {
        StandardEnvironment environment = new StandardEnvironment();
        List<PropertySource<?>> sources = new ArrayList<>();
        try {
            sources.addAll(new YamlPropertySourceLoader().load(profileFile, new ClassPathResource(profileFile)));
            sources.addAll(new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sources.forEach(environment.getPropertySources()::addLast);
        return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("department", DepartmentProperties.class);
    }
}
