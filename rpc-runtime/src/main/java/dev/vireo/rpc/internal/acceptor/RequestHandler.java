package dev.vireo.rpc.internal.acceptor;

import dev.vireo.rpc.internal.protocol.Request;

/** What a server transport hands each incoming request to. */
@FunctionalInterface
public interface RequestHandler {
  /**
   * Takes over {@code request} (and its body). Must not block: the handler decides where the call
   * runs. Exactly one response goes to {@code replies} unless the request is one-way.
   */
  void handle(Request request, ReplySink replies);
}
