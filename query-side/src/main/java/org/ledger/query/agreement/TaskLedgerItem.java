package org.ledger.query.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The task ledger's own note of a responsibility item's category and content, copied onto its tasks' rows. */
@Entity
@Table(name = "task_ledger_item")
public class TaskLedgerItem {

    /** {@code agreementId/itemId}: ids never contain a slash. */
    @Id
    @Column(name = "item_key", length = 130)
    private String itemKey;

    @Column(name = "agreement_id", nullable = false, length = 64)
    private String agreementId;

    @Column(name = "item_id", nullable = false, length = 64)
    private String itemId;

    @Column(name = "category", length = 100)
    private String category;

    @Column(name = "content", length = 4000)
    private String content;

    protected TaskLedgerItem() {
    }

    TaskLedgerItem(String agreementId, String itemId, String category, String content) {
        this.itemKey = key(agreementId, itemId);
        this.agreementId = agreementId;
        this.itemId = itemId;
        this.category = category;
        this.content = content;
    }

    static String key(String agreementId, String itemId) {
        return agreementId + "/" + itemId;
    }

    void change(String category, String content) {
        this.category = category;
        this.content = content;
    }

    public String getItemKey() {
        return itemKey;
    }

    public String getAgreementId() {
        return agreementId;
    }

    public String getItemId() {
        return itemId;
    }

    public String getCategory() {
        return category;
    }

    public String getContent() {
        return content;
    }
}
