package io.reflector.ingest.config;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Three doors: the actuator (health public; metrics, Hawtio and Jolokia behind HTTP basic for ops), the /v1 API
 * (bearer API key) and the recordings page /ui (HTTP basic for ops). Nothing else is served. The platform webhooks
 * never reach this: each verifies its platform's signature in its route, and a servlet filter hands them to the route
 * ahead of this security ({@code webhook.WebhookDispatch}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
    static final String OPS_ROLE = "OPS";

    @Bean
    @Order(1)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .anyRequest().hasRole(OPS_ROLE))
                .httpBasic(basic -> basic.authenticationEntryPoint(opsEntryPoint()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(opsEntryPoint()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ReflectorProperties properties) throws Exception {
        return http.securityMatcher("/v1/**")
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .anyRequest().hasRole(ApiKeyAuthenticationFilter.API_ROLE))
                .addFilterBefore(new ApiKeyAuthenticationFilter(properties.apiKey()), BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(JsonErrors.unauthorized(
                        "missing or wrong API key: send Authorization: Bearer <REFLECTOR_API_KEY>")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * The recordings page and the JSON, audio and events it reads: the ops login, like Hawtio. Here and in the API,
     * the dispatch that ends an event stream was authorized with its request (its credentials are not read twice).
     */
    @Bean
    @Order(3)
    SecurityFilterChain recordingsPage(HttpSecurity http) throws Exception {
        return http.securityMatcher("/ui", "/ui/**")
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .anyRequest().hasRole(OPS_ROLE))
                .httpBasic(basic -> basic.authenticationEntryPoint(opsEntryPoint()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(opsEntryPoint()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        // /error renders the status the other chains chose (401, 404); everything else stays closed
        return http.authorizeHttpRequests(auth -> auth.requestMatchers("/error").permitAll().anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** Always 401 with a Basic challenge, whatever the client accepts, so browsers and scripts both get asked. */
    private static BasicAuthenticationEntryPoint opsEntryPoint() {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName("reflector-ingest ops");
        return entryPoint;
    }

    @Bean
    UserDetailsService opsUsers(ReflectorProperties properties, PasswordEncoder passwordEncoder) {
        return new InMemoryUserDetailsManager(User.withUsername(properties.ops().username())
                .password(passwordEncoder.encode(properties.ops().password()))
                .roles(OPS_ROLE)
                .build());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
