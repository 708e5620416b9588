package vn.lienthong.core.tracking;

/** Where a hand-off stands: given and waiting to be taken, taken and being worked on, or done. */
public enum HandoffState {
    /** The giver handed the dossier over; the taker has not taken it yet. */
    GIVEN,
    /** The taker took it (push acknowledged or pull acknowledged) and is working on its step. */
    TAKEN,
    /** The taker handed the dossier on, or the dossier's handling ended: the step's result is settled. */
    DONE;

    public boolean isOpen() {
        return this != DONE;
    }
}
