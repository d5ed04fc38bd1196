package org.nrmplatform.shared.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How every request body is read, in one place: a value is taken only in the shape its field declares.
 * Jackson's defaults would store {@code 1} as the second constant of an enum and {@code 42} or {@code true}
 * as the text "42"/"true", and text may carry NUL characters that several stores and the court PDF cannot
 * hold; here each is refused, and {@link ProblemResponses} names the field.
 */
public final class JsonInput {

    /** The detail for text holding U+0000, which {@link ProblemResponses} recognises by the value. */
    static final String NUL_REFUSED = "must not contain NUL characters (U+0000)";

    /**
     * The mapper for code that runs outside Spring's context: Tomcat's error report, the servlet filters'
     * problems, resources read once at start. Everywhere else the one Spring configures (with {@link #strict})
     * is injected.
     */
    private static final JsonMapper STANDALONE = strict(JsonMapper.builder()).build();

    private JsonInput() {
    }

    public static JsonMapper standalone() {
        return STANDALONE;
    }

    public static <B extends MapperBuilder<?, B>> B strict(B builder) {
        return builder.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new SimpleModule("nrm-text-without-nul").addDeserializer(String.class, new TextWithoutNul()));
    }

    /** Every text value of a body, including the elements of lists and the values of maps. */
    static final class TextWithoutNul extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf('\u0000') >= 0) {
                throw context.weirdStringException(text, String.class, NUL_REFUSED);
            }
            return text;
        }
    }
}
