package dev.vireo.rpc.internal.transport;

/**
 * Decides, from a request's header alone, whether the connection may hold its body while it
 * arrives: bytes a peer announces are accounted for before they are buffered, not after.
 */
public interface FrameAdmission {
  /** Admits every request: for a client, which reads replies to calls it chose to make. */
  FrameAdmission ALL = new FrameAdmission() {
    @Override
    public boolean admit(long id, boolean oneway, long bodySize) {
      return true;
    }

    @Override
    public void abandon(long bodySize) {}
  };

  /**
   * Reserves room for request {@code id} of {@code bodySize} bytes. False if it is refused, in
   * which case this has answered it and the decoder skips its body as it arrives.
   */
  boolean admit(long id, boolean oneway, long bodySize);

  /** Returns the room of an admitted request whose body never arrived whole. */
  void abandon(long bodySize);
}
