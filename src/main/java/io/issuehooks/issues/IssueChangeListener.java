package io.issuehooks.issues;

import jakarta.inject.Inject;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PrePersist;

/** JPA lifecycle callbacks of issues and comments, passed to the {@link IssueChangeRecorder}. */
public class IssueChangeListener {

    @Inject
    IssueChangeRecorder recorder;

    @PostLoad
    void loaded(Object entity) {
        if (entity instanceof Issue issue) {
            recorder.loaded(issue);
        }
    }

    @PrePersist
    void persisting(Object entity) {
        if (entity instanceof Issue issue) {
            recorder.created(issue);
        } else if (entity instanceof IssueComment comment) {
            recorder.commented(comment);
        }
    }
}
