package dev.vireo.rpc.internal.connector;

import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.Traffic;
import dev.vireo.rpc.internal.transport.WriteQueue;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.channel.ReplyFuture;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived connection to a provider, carrying many calls at once, matched by message id.
 * While it is down it reconnects with exponential backoff (with jitter), and calls fail at once
 * with {@code UNAVAILABLE} instead of waiting; calls made while a connection attempt is under way
 * wait for that attempt.
 */
final class ProviderConnection {
  private static final Logger log = LoggerFactory.getLogger(ProviderConnection.class);
  static final long MIN_BACKOFF_MILLIS = 50;
  static final long MAX_BACKOFF_MILLIS = 5_000;
  private static final Pattern CERTIFICATE_PROBLEM = Pattern.compile(
      "certificate|PKIX|unknown_ca|No subject alternative|No name matching", Pattern.CASE_INSENSITIVE);

  /**
   * What broke a connection, as its pipeline saw it, kept on its channel: a channel whose TLS
   * handshake failed never becomes the connection, and its cause must not name the end of the
   * next one.
   */
  private static final AttributeKey<Throwable> CLOSE_CAUSE =
      AttributeKey.valueOf(ProviderConnection.class, "closeCause");

  private final InetSocketAddress address;
  private final Bootstrap bootstrap;
  private final ConnectionSettings settings;
  private final PendingCalls pending = new PendingCalls(this::cancel);
  private final AtomicLong ids = new AtomicLong();
  private volatile Channel channel;
  /**
   * The connection whose server said it is going away (or that was retired), with its write
   * queue. It keeps pointing there after the connection closed: a sender still holding that
   * channel must see the mark, not an empty one.
   */
  private volatile Drain draining;
  /** One-way calls between their check of {@code draining} and their write being queued. */
  private final AtomicInteger onewaysSending = new AtomicInteger();
  private volatile WriteQueue writes;
  private volatile CompletableFuture<Void> connecting;
  private volatile Throwable lastFailure;
  /** The last connection, once it closed; null while connected. */
  private volatile Channel lost;
  private volatile long nextAttemptNanos;
  private volatile long backoffMillis = MIN_BACKOFF_MILLIS;
  private volatile boolean closed;

  ProviderConnection(InetSocketAddress address, Bootstrap bootstrap, ConnectionSettings settings,
      Traffic traffic, SslContext tls) {
    this.address = address;
    this.bootstrap = bootstrap.clone()
        .handler(new ClientChannelInitializer(settings, traffic, tls, address, this));
    this.settings = settings;
  }

  /** Starts a connection attempt. */
  synchronized void connect() {
    if (closed || connecting != null) {
      return;
    }
    CompletableFuture<Void> attempt = new CompletableFuture<>();
    connecting = attempt;
    bootstrap.connect(address).addListener((ChannelFuture done) -> connected(done, attempt));
  }

  /** The socket connected, or not; over TLS, the connection is up once the handshake is done. */
  private void connected(ChannelFuture done, CompletableFuture<Void> attempt) {
    Throwable failure = done.isSuccess() ? selfConnected(done.channel()) : done.cause();
    SslHandler tls = failure == null ? done.channel().pipeline().get(SslHandler.class) : null;
    if (tls != null) {
      tls.handshakeFuture().addListener(handshake -> established(done, handshake.isSuccess()
          ? null : handshake.cause(), attempt));
      return;
    }
    established(done, failure, attempt);
  }

  private void established(ChannelFuture done, Throwable failure,
      CompletableFuture<Void> attempt) {
    if (failure == null && !done.channel().isActive()) {
      // Under TLS 1.3 a server checks the client's certificate after the client has finished its
      // handshake, and its refusal can close the channel before this runs: the attempt fails with
      // the reason the pipeline reports.
      afterCurrentTask(done.channel(),
          () -> established(done, closedOnConnecting(done.channel()), attempt));
      return;
    }
    synchronized (this) {
      if (failure == null) {
        Channel connected = done.channel();
        writes = new WriteQueue(connected);
        // The channel before the end of the attempt: send() reads them in the other order, so
        // a caller never finds neither (see send).
        channel = connected;
        connecting = null;
        lastFailure = null;
        lost = null;
        connected.closeFuture().addListener(closedFuture -> disconnected(connected));
        if (closed) {
          connected.close();
        }
      } else {
        connecting = null;
        lastFailure = failure;
        scheduleReconnect();
      }
    }
    if (failure == null) {
      log.info("Vireo: connected to {}", address);
      attempt.complete(null);
    } else {
      log.info("Vireo: could not connect to {}: {}; next attempt in {} ms", address,
          failure.getMessage(), Math.max(0,
              TimeUnit.NANOSECONDS.toMillis(nextAttemptNanos - System.nanoTime())));
      attempt.completeExceptionally(failure);
    }
  }

  /**
   * Connecting to a loopback port nobody listens on can connect the socket to itself, when the
   * system picks that same port as the local one: a connection that would swallow every call.
   * Returns why such a connection is refused, or null for a real one.
   */
  private static Throwable selfConnected(Channel connected) {
    if (connected.localAddress() != null
        && connected.localAddress().equals(connected.remoteAddress())) {
      connected.close();
      return new ConnectException("connected to itself: nothing listens on "
          + connected.remoteAddress());
    }
    return null;
  }

  /** Why {@code refused}, closed as it connected, closed: its pipeline's cause if it saw one. */
  private Throwable closedOnConnecting(Channel refused) {
    Throwable cause = closeCause(refused);
    return cause != null ? cause
        : new ConnectException(address + " closed the connection as it was made");
  }

  private static Throwable closeCause(Channel ended) {
    return ended.hasAttr(CLOSE_CAUSE) ? ended.attr(CLOSE_CAUSE).get() : null;
  }

  private void disconnected(Channel ended) {
    synchronized (this) {
      if (channel == ended) {
        lost = ended;
        channel = null;
      }
    }
    afterCurrentTask(ended, () -> failAfterDisconnect(ended));
  }

  /**
   * Runs {@code decision} on {@code closing}'s event loop once its current task is over. A TLS
   * failure closes the channel first and reports its cause afterwards, in the same task, and that
   * cause decides what the calls are told: so whatever the close tells calls runs after it.
   */
  private static void afterCurrentTask(Channel closing, Runnable decision) {
    try {
      closing.eventLoop().execute(decision);
    } catch (RejectedExecutionException shuttingDown) {
      decision.run();
    }
  }

  private void failAfterDisconnect(Channel ended) {
    failPending(lossOf(ended));
    if (!closed) {
      long delay;
      synchronized (this) {
        delay = scheduleReconnect();
      }
      log.info("Vireo: lost the connection to {}; reconnecting in {} ms", address, delay);
    }
  }

  /** Schedules the next connection attempt; returns in how many milliseconds, -1 if closed. */
  private long scheduleReconnect() {
    if (closed) {
      return -1;
    }
    long delay = backoffMillis / 2 + ThreadLocalRandom.current().nextLong(backoffMillis / 2 + 1);
    backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
    nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
    bootstrap.config().group().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    return delay;
  }

  boolean isConnected() {
    Channel current = channel;
    return current != null && current.isActive();
  }

  boolean isConnecting() {
    return connecting != null;
  }

  /**
   * Sends {@code request}, taking over its body, as {@code CallChannel.send} describes. It reads
   * the attempt under way before the channel, while a successful attempt sets the channel before
   * it ends: so a call made while the connection comes up either finds the channel or waits for
   * the attempt, and never fails for finding neither.
   */
  CompletableFuture<Response> send(Request request) {
    CompletableFuture<Void> attempt = connecting;
    Channel current = channel;
    if (current != null && current.isActive()) {
      return sendOn(current, writes, request);
    }
    if (attempt != null) {
      return sendAfter(attempt, request);
    }
    request.release();
    Channel previous = current != null ? current : lost;
    if (previous == null) {
      return CompletableFuture.failedFuture(notConnected(null));
    }
    // The connection may have closed just now, and why may not be known yet.
    CompletableFuture<Response> refused = new ReplyFuture();
    afterCurrentTask(previous, () -> refused.completeExceptionally(notConnected(previous)));
    return refused;
  }

  private CompletableFuture<Response> sendAfter(CompletableFuture<Void> attempt, Request request) {
    CompletableFuture<Response> reply = new ReplyFuture();
    attempt.whenComplete((ok, failure) -> {
      if (reply.isDone()) {
        request.release(); // the caller gave up while the connection was being made
        return;
      }
      if (failure != null) {
        request.release();
        reply.completeExceptionally(notConnected(null));
        return;
      }
      CompletableFuture<Response> sent;
      try {
        sent = send(request);
      } catch (RuntimeException | Error broken) {
        // On the event loop, where a completion would swallow it: the caller is told instead.
        reply.completeExceptionally(new RpcException(RpcStatus.INTERNAL,
            "could not send to " + address + ": " + broken, false, broken));
        return;
      }
      reply.whenComplete((r, f) -> sent.cancel(false));
      sent.whenComplete((response, f) -> {
        if (f != null) {
          reply.completeExceptionally(f);
        } else if (!reply.complete(response) && response != null) {
          response.release();
        }
      });
    });
    return reply;
  }

  /** A request body over the limit, refused before it is framed (the frame would copy it). */
  private RpcException tooLarge(int bodySize) {
    return new RpcException(RpcStatus.BAD_REQUEST, "the request body of " + bodySize
        + " bytes exceeds the limit of " + settings.maxBodySize() + " bytes; it was not sent",
        false, null);
  }

  private CompletableFuture<Response> sendOn(Channel current, WriteQueue queue, Request request) {
    long id = ids.incrementAndGet();
    if (request.body().readableBytes() > settings.maxBodySize()) {
      int arguments = request.body().readableBytes();
      request.release();
      return CompletableFuture.failedFuture(tooLarge(arguments));
    }
    ByteBuf frame;
    try {
      frame = Frames.request(queue.frameAllocator(), id, settings.serialization(), request);
    } catch (RuntimeException unencodable) {
      return CompletableFuture.failedFuture(new RpcException(RpcStatus.BAD_REQUEST,
          "the request could not be framed: " + unencodable.getMessage(), false, unencodable));
    } finally {
      request.release();
    }
    int bodySize = frame.readableBytes() - FrameHeader.SIZE;
    if (bodySize > settings.maxBodySize()) {
      frame.release();
      return CompletableFuture.failedFuture(tooLarge(bodySize));
    }
    if (request.oneway()) {
      // As for calls with replies below, with a count in place of the pending table.
      onewaysSending.incrementAndGet();
      if (isDraining(current)) {
        onewaysSending.decrementAndGet();
        frame.release();
        closeIfDrained();
        return CompletableFuture.failedFuture(goingAway());
      }
      queue.enqueue(frame);
      onewaysSending.decrementAndGet();
      if (isDraining(current)) {
        closeIfDrained();
      }
      return CompletableFuture.completedFuture(null);
    }
    PendingCall reply = new PendingCall(pending, id);
    pending.add(reply);
    // Read after adding: either the drain sees this call and keeps the connection open for its
    // reply, or this sees the drain and the call backs out unsent (see goingAway).
    if (isDraining(current)) {
      pending.remove(reply);
      frame.release();
      closeIfDrained();
      return CompletableFuture.failedFuture(goingAway());
    }
    queue.enqueue(frame);
    if (reply.markSent()) {
      cancel(id); // the caller gave up while the request was being queued
    }
    if (!current.isActive()) {
      // The close may have failed the pending calls before this one was added.
      afterCurrentTask(current, () -> reply.completeExceptionally(lossOf(current)));
    }
    return reply;
  }

  /**
   * Tells the server that the caller of call {@code id} gave up, so that it does not run the call
   * if it has not started, and an implementation that checks can stop early.
   */
  private void cancel(long id) {
    Channel current = channel;
    WriteQueue queue = writes;
    if (current != null && current.isActive() && queue != null) {
      queue.enqueue(Frames.cancel(queue.frameAllocator(), id, settings.serialization()));
    }
  }

  /**
   * A reply arrived: completes its call, or releases it if the caller already gave up. A reply
   * also proves the connection works, which is what ends the reconnect backoff: a server that
   * accepts connections and drops them at once keeps being retried ever more slowly.
   */
  void replied(long id, Response response) {
    if (backoffMillis != MIN_BACKOFF_MILLIS) {
      synchronized (this) {
        backoffMillis = MIN_BACKOFF_MILLIS;
      }
    }
    PendingCall call = pending.take(id);
    if (call == null || !call.complete(response)) {
      response.release();
    }
    Drain drain = draining;
    if (drain != null && drain.channel.isOpen()) {
      closeIfDrained();
    }
  }

  /**
   * The server on {@code current} is closing: new calls go elsewhere (this provider counts as not
   * connected), the calls it has get their replies, and the connection closes after the last one.
   *
   * <p>A caller that read {@code channel} just before it was cleared may still be sending on it.
   * It adds its call to {@code pending} and then reads {@code draining}, while this sets {@code
   * draining} and then reads {@code pending} (all volatile): so either the caller sees the drain
   * and backs out without writing, or this sees the call and waits for its reply.
   */
  void goingAway(Channel current) {
    synchronized (this) {
      if (channel != current) {
        return;
      }
      channel = null;
      draining = new Drain(current, writes);
    }
    pending.onRemoved(this::closeIfDrained);
    log.info("Vireo: {} is going away; no new calls go to it", address);
    closeIfDrained();
  }

  /**
   * Takes no new calls, lets the calls in flight get their replies, then closes the connection
   * for good: for a provider that left the registry, whose calls must not be cut short.
   */
  void retire() {
    synchronized (this) {
      closed = true;
      Channel current = channel;
      channel = null;
      if (current != null) {
        draining = new Drain(current, writes);
      }
    }
    pending.onRemoved(this::closeIfDrained);
    closeIfDrained();
  }

  private RpcException goingAway() {
    return new RpcException(RpcStatus.UNAVAILABLE, address + " is going away; the call was not"
        + " sent", false, null);
  }

  /**
   * Closes the draining connection once no call waits on it and no one-way call is on its way
   * into its queue, after writing what is queued.
   */
  private void closeIfDrained() {
    Drain drain = draining;
    if (drain != null && drain.channel.isOpen() && onewaysSending.get() == 0
        && pending.isEmpty()) {
      drain.writes.closeAfterWrites();
    }
  }

  private boolean isDraining(Channel current) {
    Drain drain = draining;
    return drain != null && drain.channel == current;
  }

  /** A connection being drained, and the queue its last writes go through. */
  private record Drain(Channel channel, WriteQueue writes) {}

  /** A reply too large to accept arrived for {@code id}. */
  void replyTooLarge(long id, long bodySize) {
    PendingCall call = pending.take(id);
    if (call != null) {
      call.completeExceptionally(new RpcException(RpcStatus.SERIALIZATION, "the reply body of "
          + bodySize + " bytes exceeds the limit of " + settings.maxBodySize() + " bytes", true,
          null));
    }
    closeIfDrained();
  }

  /** Fails every waiting call with {@code CANCELLED} and closes the connection for good. */
  void close() {
    Channel current;
    synchronized (this) {
      closed = true;
      current = channel;
    }
    failPending(new RpcException(RpcStatus.CANCELLED,
        "the client was closed while the call was in flight", true, null));
    if (current != null) {
      current.close().syncUninterruptibly();
    }
  }

  /** What a call sent on {@code ended} is told: why the connection closed, as far as known. */
  private RpcException lossOf(Channel ended) {
    Throwable cause = closeCause(ended);
    return refusedCertificate(cause)
        ? new RpcException(RpcStatus.UNAUTHENTICATED, address + " refused this client's"
            + " certificate (" + cause.getMessage() + "); the call was not run", false, cause)
        : new RpcException(RpcStatus.UNAVAILABLE, "the connection to " + address
            + " closed while the call was in flight", true, null);
  }

  private void failPending(RpcException failure) {
    for (PendingCall call : pending.takeAll()) {
      call.completeExceptionally(failure);
    }
  }

  /** What broke {@code broken}, as its pipeline saw it; read when it closes. */
  void failedWith(Channel broken, Throwable cause) {
    broken.attr(CLOSE_CAUSE).set(cause);
  }

  /**
   * Whether a TLS failure was about a certificate: the server's, which this client does not trust
   * or which names another host, or this client's, which the server refused.
   */
  private static boolean refusedCertificate(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException && cause.getMessage() != null
          && CERTIFICATE_PROBLEM.matcher(cause.getMessage()).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a call is told when there is no connection to send it on: the reason the last attempt
   * failed, or else why {@code previous}, the last connection (if any), closed.
   */
  private RpcException notConnected(Channel previous) {
    long retryIn = Math.max(0, TimeUnit.NANOSECONDS.toMillis(nextAttemptNanos - System.nanoTime()));
    Throwable last = lastFailure;
    if (last == null && previous != null) {
      last = closeCause(previous);
    }
    if (refusedCertificate(last)) {
      return new RpcException(RpcStatus.UNAUTHENTICATED, "the TLS handshake with " + address
          + " failed on a certificate: " + last.getMessage(), false, last);
    }
    return new RpcException(RpcStatus.UNAVAILABLE, "not connected to " + address
        + (last == null ? "" : " (" + last.getMessage() + ")")
        + (closed ? "" : "; next attempt in " + retryIn + " ms"), false, null);
  }

  @Override
  public String toString() {
    return address.getHostString() + ":" + address.getPort();
  }
}
