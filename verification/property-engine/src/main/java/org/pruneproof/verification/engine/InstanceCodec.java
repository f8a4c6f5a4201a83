package org.pruneproof.verification.engine;

import org.pruneproof.verification.proof.LemmaClaim;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.verification.api.Claim;

/** Converts a claim's instances to and from JSON, using the instance type declared by the claim class. */
final class InstanceCodec<I> {

    private final ObjectMapper mapper = ResultsFiles.mapper();
    private final JavaType type;

    InstanceCodec(Claim<I> claim) {
        // a proof step's lemma checks its theorem's instances, a sharpened bound its bound's
        Claim<?> owner = claim;
        while (owner instanceof LemmaClaim<?> || owner instanceof SharpenedBound<?>) {
            owner = owner instanceof LemmaClaim<?> lemma ? lemma.theorem() : ((SharpenedBound<?>) owner).claim();
        }
        Type t = findInstanceType(owner.getClass());
        if (!(t instanceof Class<?> || t instanceof ParameterizedType || t instanceof java.lang.reflect.GenericArrayType)) {
            // a type variable would decode every instance as a map, and every check of a decoded instance would throw
            throw new IllegalStateException(claim.getClass().getName()
                    + " must implement Claim<I> with a concrete instance type I");
        }
        this.type = mapper.getTypeFactory().constructType(t);
    }

    JsonNode encode(I instance) {
        return mapper.valueToTree(instance);
    }

    I decode(JsonNode json) {
        try {
            return mapper.treeToValue(json, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("stored instance does not decode as " + type + ": " + e.getMessage(), e);
        }
    }

    private static Type findInstanceType(Class<?> c) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Type t : k.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == Claim.class) {
                    return p.getActualTypeArguments()[0];
                }
            }
            Type sup = k.getGenericSuperclass();
            if (sup instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                    && Claim.class.isAssignableFrom(raw)) {
                Type inner = findInstanceType(raw);
                if (inner instanceof Class<?>) {
                    return inner;
                }
                if (raw.getTypeParameters().length == 1) {
                    return p.getActualTypeArguments()[0];
                }
            }
        }
        return null;
    }
}
