package dev.vireo.rpc.internal.serialization;

import dev.vireo.rpc.stub.RecordCodec;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.fory.Fory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.memory.MemoryBuffer;
import org.apache.fory.resolver.TypeResolver;
import org.apache.fory.serializer.ImmutableSerializer;

/**
 * Apache Fory behind the {@link Serializer} SPI, locked down for RPC: Java mode (no cross-language
 * type system), class registration required, unknown classes refused rather than read as maps, no
 * reference tracking (arguments are trees, not graphs). Of the classes Fory handles without
 * registration, two kinds are refused too, like a class that is not registered ({@link
 * #REFUSED}): {@link Pattern}, since Fory would rebuild one by compiling the regex it was sent,
 * and a peer's regex can cost this side seconds and gigabytes to compile (with {@code CANON_EQ},
 * 27 bytes of one do); and the exceptions Fory knows, since it would rebuild each one by running
 * its class's constructor, which walks this side's whole stack: about nine bytes of a message
 * per exception, tens of kilobytes of this side's memory each. What a method throws travels in
 * a reply of its own, never as a value.
 *
 * <p>Compatible mode is on: a class may gain or lose fields between the client's version and the
 * server's, and each side reads the fields it knows. It costs a few bytes of type metadata per
 * message; we pay it because peers are deployed independently.
 *
 * <p>Its limits on what one message may make it build are set here, not left to Fory's defaults
 * (which a new version could change): {@value #MAX_DEPTH} levels of nesting, about {@value
 * #MAX_GRAPH_BYTES} bytes of objects per value, {@value #MAX_UNBACKED_ITEMS} container elements
 * that take no bytes of the message (nulls, say), {@value #MAX_TYPE_FIELDS} fields and {@value
 * #MAX_TYPE_META_BYTES} bytes in the description of a class, and {@value #MAX_SCHEMA_VERSIONS}
 * versions of one class's description kept from peers (who could otherwise send ever new ones
 * for Fory to keep). A message over any of them fails to decode, with {@code SERIALIZATION}.
 *
 * <p>Fory freezes its registrations at the first message, so each codec (a Fory instance and its
 * buffers, lent to one body at a time by a {@link CodecPool} every thread shares) is rebuilt for
 * the current set of {@link WireTypes} when types were added since it was built (in practice,
 * only while services are being exported and referred).
 */
public final class ForySerializer implements Serializer {
  /** The serialization type of Fory in frame headers. */
  public static final int ID = 1;

  static final int MAX_DEPTH = 50;
  static final long MAX_GRAPH_BYTES = 128L << 20;
  static final int MAX_UNBACKED_ITEMS = 8192;
  static final int MAX_TYPE_FIELDS = 512;
  static final int MAX_TYPE_META_BYTES = 4096;
  static final int MAX_SCHEMA_VERSIONS = 10;
  static final int MAX_AVERAGE_SCHEMA_VERSIONS = 3;

  /** Classes Fory would decode without registration that no message may hold. */
  static final List<Class<?>> REFUSED = List.of(Pattern.class,
      Throwable.class, Exception.class, RuntimeException.class, IOException.class,
      IllegalArgumentException.class, IllegalStateException.class, NullPointerException.class,
      IndexOutOfBoundsException.class, ArrayIndexOutOfBoundsException.class,
      UnsupportedOperationException.class, AssertionError.class);

  private final WireTypes types;
  private final CodecPool codecs;

  public ForySerializer(WireTypes types) {
    this(types, new CodecPool());
  }

  ForySerializer(WireTypes types, CodecPool codecs) {
    this.types = types;
    this.codecs = codecs;
  }

  @Override
  public int id() {
    return ID;
  }

  @Override
  public BodyWriter newWriter() {
    return new ForyBodyWriter(borrow(), codecs);
  }

  @Override
  public BodyReader newReader(ByteBuf body) {
    ForyCodec codec = borrow();
    MemoryBuffer buffer;
    try {
      buffer = codec.reads.load(body);
    } catch (RuntimeException e) {
      codecs.giveBack(codec);
      throw e;
    }
    return new ForyBodyReader(codec, codecs, buffer);
  }

  /** A codec from the pool, or a new one, built for the current wire types. */
  private ForyCodec borrow() {
    ForyCodec codec = codecs.borrow();
    if (codec == null) {
      codec = CodecPool.lent(new ForyCodec());
    }
    WireTypes.Registrations snapshot = types.snapshot();
    if (codec.builtFor != snapshot) {
      try {
        codec.fory = newFory(snapshot);
      } catch (RuntimeException e) {
        codec.builtFor = null;
        codecs.giveBack(codec);
        throw e;
      }
      codec.builtFor = snapshot;
    }
    return codec;
  }

  private static Fory newFory(WireTypes.Registrations registrations) {
    Fory fory = Fory.builder()
        .withXlang(false)
        .requireClassRegistration(true)
        .withDeserializeUnknownClass(false)
        .withRefTracking(false)
        .withCompatibleMode(CompatibleMode.COMPATIBLE)
        .withAsyncCompilation(false)
        .suppressClassRegistrationWarnings(true)
        .withMaxDepth(MAX_DEPTH)
        .withMaxGraphMemoryBytes(MAX_GRAPH_BYTES)
        .withMaxUnbackedContainerItems(MAX_UNBACKED_ITEMS)
        .withMaxTypeFields(MAX_TYPE_FIELDS)
        .withMaxTypeMetaBytes(MAX_TYPE_META_BYTES)
        .withMaxSchemaVersionsPerType(MAX_SCHEMA_VERSIONS)
        .withMaxAverageSchemaVersionsPerType(MAX_AVERAGE_SCHEMA_VERSIONS)
        .build();
    for (Class<?> refused : REFUSED) {
      refuse(fory, refused);
    }
    TypeResolver resolver = fory.getTypeResolver();
    registrations.ids().forEach((type, id) -> {
      if (!resolver.isRegistered(type)) {
        fory.register(type, id);
      }
    });
    RecordFields fields = new RecordFields();
    registrations.codecs().forEach((type, codec) -> useCodec(fory, type, codec, fields));
    return fory;
  }

  @SuppressWarnings("unchecked")
  private static <T> void useCodec(Fory fory, Class<T> type, RecordCodec<?> codec,
      RecordFields fields) {
    fory.registerSerializer(type,
        new RecordSerializer<>(fory.getConfig(), type, (RecordCodec<T>) codec, fields));
  }

  private static <T> void refuse(Fory fory, Class<T> type) {
    fory.registerSerializer(type, new Refused<>(fory.getConfig(), type));
  }

  /** The serializer of a class that never travels: writing or reading one fails. */
  private static final class Refused<T> extends ImmutableSerializer<T> {
    Refused(Config config, Class<T> type) {
      super(config, type);
    }

    @Override
    public void write(WriteContext context, T value) {
      throw refusal();
    }

    @Override
    public T read(ReadContext context) {
      throw refusal();
    }

    private IllegalArgumentException refusal() {
      return new IllegalArgumentException(type.getName() + " is not accepted in a message");
    }
  }
}
