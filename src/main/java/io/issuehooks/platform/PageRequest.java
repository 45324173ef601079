package io.issuehooks.platform;

import static io.issuehooks.contract.JsonSupport.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.TypedQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset pagination in creation order (or newest first): a page is "the next {@code limit} rows after this
 * (createdAt, id)", so pages stay stable while rows are added, and no row is skipped or shown twice. The cursor
 * is opaque to callers.
 */
public record PageRequest(int limit, Instant afterCreatedAt, UUID afterId) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(String limit, String cursor) {
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ApiException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        if (cursor == null || cursor.isEmpty()) {
            return new PageRequest(size, null, null);
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("/", 2);
            return new PageRequest(size, Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ApiException.invalid("cursor", "is not a cursor this API returned");
        }
    }

    /** The cursor that continues after the row with this creation time and id. */
    public static String cursor(Instant createdAt, UUID id) {
        String key = createdAt + "/" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The JPQL condition for an entity alias with {@code createdAt} and {@code id}; "true" on the first page. */
    public String condition(String alias) {
        return afterId == null ? "1 = 1"
                : "(" + alias + ".createdAt > :afterCreatedAt or (" + alias + ".createdAt = :afterCreatedAt and "
                        + alias + ".id > :afterId))";
    }

    /** As {@link #condition}, for pages that list the newest first. */
    public String conditionNewestFirst(String alias) {
        return afterId == null ? "1 = 1"
                : "(" + alias + ".createdAt < :afterCreatedAt or (" + alias + ".createdAt = :afterCreatedAt and "
                        + alias + ".id < :afterId))";
    }

    /** Binds the cursor and asks for one row more than the page, to learn whether another page follows. */
    public <T> List<T> fetch(TypedQuery<T> query) {
        if (afterId != null) {
            query.setParameter("afterCreatedAt", afterCreatedAt).setParameter("afterId", afterId);
        }
        return query.setMaxResults(limit + 1).getResultList();
    }

    /** The page's JSON: {@code data} and {@code nextCursor} (null on the last page). */
    public <T> JsonObject page(List<T> rows, Function<T, Instant> createdAt, Function<T, UUID> id,
            Function<T, JsonObject> json) {
        JsonArrayBuilder data = JSON.createArrayBuilder();
        rows.stream().limit(limit).map(json).forEach(data::add);
        JsonObjectBuilder page = JSON.createObjectBuilder().add("data", data);
        if (rows.size() > limit) {
            T last = rows.get(limit - 1);
            page.add("nextCursor", cursor(createdAt.apply(last), id.apply(last)));
        } else {
            page.addNull("nextCursor");
        }
        return page.build();
    }
}
