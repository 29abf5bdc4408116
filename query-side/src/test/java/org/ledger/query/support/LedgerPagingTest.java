package org.ledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.web.server.ResponseStatusException;

class LedgerPagingTest {

    final LedgerPaging paging = new LedgerPaging(Map.of("foundOn", "foundOn", "id", "issueId", "title", "title"),
            Sort.by(Sort.Order.desc("foundOn")), "issueId");

    @Test
    void defaultsToFirstPageOfTwentyInTheDefaultOrderWithATieBreaker() {
        Pageable p = paging.pageable(null, null, null);
        assertThat(p.getPageNumber()).isZero();
        assertThat(p.getPageSize()).isEqualTo(20);
        assertThat(p.getSort()).containsExactly(Sort.Order.desc("foundOn"), Sort.Order.asc("issueId"));
    }

    @Test
    void readsSortWhetherSpringSplitItOrNot() {
        Sort expected = Sort.by(Sort.Order.desc("foundOn"), Sort.Order.asc("title"), Sort.Order.asc("issueId"));
        assertThat(paging.pageable(0, 20, List.of("foundOn,desc", "title")).getSort()).isEqualTo(expected);
        assertThat(paging.pageable(0, 20, List.of("foundOn", "desc", "title", "asc")).getSort()).isEqualTo(expected);
        assertThat(paging.pageable(0, 20, List.of("id,desc")).getSort()).containsExactly(Sort.Order.desc("issueId"));
    }

    @Test
    void refusesWhatItCannotDoWith400() {
        for (List<String> sort : List.of(List.of("rowId"), List.of("desc"), List.of("foundOn,sideways"),
                List.of("validTo,asc"))) {
            assertThatThrownBy(() -> paging.pageable(0, 20, sort))
                    .isInstanceOfSatisfying(ResponseStatusException.class,
                            e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
        }
        assertThatThrownBy(() -> paging.pageable(0, 201, null)).isInstanceOf(ResponseStatusException.class);
        assertThatThrownBy(() -> paging.pageable(0, 0, null)).isInstanceOf(ResponseStatusException.class);
        assertThatThrownBy(() -> paging.pageable(-1, 20, null)).isInstanceOf(ResponseStatusException.class);
        assertThat(paging.pageable(3, 200, null).getPageSize()).isEqualTo(200);
    }
}
