package org.nrmplatform.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.session.MapSession;
import org.springframework.session.Session;

/**
 * A session as read from the store, remembering what changed since, so that saving it writes only that: the
 * attributes set or removed (two requests of one person changing different attributes do not undo each other),
 * and the time of last access only once it has moved by a minute (a request that changes nothing costs no
 * write). The session may so end up to a minute before its inactivity limit; nobody notices.
 */
public final class StoredSession implements Session {

    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final MapSession values;
    private final Set<String> changed = new HashSet<>();
    private String storedId;
    private Instant storedLastAccess;
    private Duration storedMaxInactive;

    StoredSession(MapSession values, boolean stored) {
        this.values = values;
        if (stored) {
            saved();
        }
    }

    @Override
    public String getId() {
        return values.getId();
    }

    @Override
    public String changeSessionId() {
        return values.changeSessionId();
    }

    @Override
    public <T> T getAttribute(String name) {
        return values.getAttribute(name);
    }

    @Override
    public Set<String> getAttributeNames() {
        return values.getAttributeNames();
    }

    @Override
    public void setAttribute(String name, Object value) {
        values.setAttribute(name, value);
        changed.add(name);
    }

    @Override
    public void removeAttribute(String name) {
        values.removeAttribute(name);
        changed.add(name);
    }

    @Override
    public Instant getCreationTime() {
        return values.getCreationTime();
    }

    @Override
    public void setLastAccessedTime(Instant lastAccessedTime) {
        values.setLastAccessedTime(lastAccessedTime);
    }

    @Override
    public Instant getLastAccessedTime() {
        return values.getLastAccessedTime();
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
        values.setMaxInactiveInterval(interval);
    }

    @Override
    public Duration getMaxInactiveInterval() {
        return values.getMaxInactiveInterval();
    }

    @Override
    public boolean isExpired() {
        return values.isExpired();
    }

    /** Never stored, or stored under another id (the id changes at sign-in, against session fixation). */
    boolean storedWhole() {
        return storedId == null || !storedId.equals(getId());
    }

    String storedId() {
        return storedId;
    }

    Set<String> changedAttributes() {
        return Set.copyOf(changed);
    }

    boolean lastAccessMoved() {
        return !getLastAccessedTime().isBefore(storedLastAccess.plus(TOUCH_EVERY))
                || !getMaxInactiveInterval().equals(storedMaxInactive);
    }

    Instant expiresAt() {
        return getLastAccessedTime().plus(getMaxInactiveInterval());
    }

    void saved() {
        storedId = getId();
        storedLastAccess = getLastAccessedTime();
        storedMaxInactive = getMaxInactiveInterval();
        changed.clear();
    }
}
