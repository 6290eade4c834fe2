package io.reflector.ingest.api;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import io.reflector.ingest.webhook.StorableText;

/**
 * Refuses with 400 any API input PostgreSQL cannot store (see {@link StorableText}): query parameters and path
 * variables before the handler runs, string fields of a request body once it is read.
 */
@ControllerAdvice(basePackages = "io.reflector.ingest.api")
class StorableInput extends RequestBodyAdviceAdapter implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || !method.getBeanType().getPackageName().equals(StorableInput.class.getPackageName())) {
            return true; // not an API handler: no such path (404) or an OPTIONS answer, which read no input
        }
        request.getParameterMap().forEach((name, values) -> {
            check("query parameter", name, name);
            for (String value : values) {
                check("query parameter", name, value);
            }
        });
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> check("path", String.valueOf(name), String.valueOf(value)));
        }
        return true;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.getParameterType().isRecord();
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        for (RecordComponent component : body.getClass().getRecordComponents()) {
            if (component.getType() == String.class) {
                try {
                    check("field", ApiErrors.jsonName(component.getName()), (String) component.getAccessor().invoke(body));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
        }
        return body;
    }

    private static void check(String kind, String name, String value) {
        Optional<String> problem = StorableText.problem(value);
        if (problem.isPresent()) {
            throw new BadRequestException(kind + " " + StorableText.problem(name).map(p -> "name").orElse(name)
                    + ": " + problem.get());
        }
    }
}
