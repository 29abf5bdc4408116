package org.ledger.query.support;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/** A page of a ledger (DESIGN.md §7): {@code {content: [...], page: {size, number, totalElements, totalPages}}}. */
@Schema(description = "One page of a ledger")
public record PageAnswer<T>(
        @Schema(description = "The rows of this page") List<T> content,
        @Schema(description = "Where this page sits in the whole list") PageMetadata page) {

    @Schema(description = "Paging information")
    public record PageMetadata(
            @Schema(description = "Requested page size", example = "20") int size,
            @Schema(description = "Page number, counted from 0", example = "0") int number,
            @Schema(description = "Number of rows matching the filters", example = "42") long totalElements,
            @Schema(description = "Number of pages", example = "3") int totalPages) {
    }

    public static <E, T> PageAnswer<T> of(Page<E> page, Function<? super E, ? extends T> mapper) {
        List<T> content = page.getContent().stream().<T>map(mapper).toList();
        return new PageAnswer<>(content, new PageMetadata(page.getSize(), page.getNumber(),
                page.getTotalElements(), page.getTotalPages()));
    }
}
