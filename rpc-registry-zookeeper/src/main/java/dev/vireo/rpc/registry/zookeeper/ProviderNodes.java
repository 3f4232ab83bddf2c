package dev.vireo.rpc.registry.zookeeper;

import dev.vireo.rpc.registry.ProviderInfo;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How providers are laid out in ZooKeeper (docs/discovery.md):
 *
 * <pre>
 * {root}/{service}/providers/{tag}@{host}:{port}     ephemeral, one per exported implementation
 * </pre>
 *
 * <p>Path segments are URL-encoded, so any service name or tag is a valid node name. A node's
 * data is UTF-8 text, one {@code key=value} per line, values URL-encoded: {@code host}, {@code
 * port}, {@code tag}, {@code weight}, {@code protocol}, and {@code meta.*} for metadata. A reader
 * ignores keys it does not know, so later versions may add some.
 */
final class ProviderNodes {
  private static final String META = "meta.";

  private final String root;

  ProviderNodes(String root) {
    if (!root.startsWith("/") || root.length() > 1 && root.endsWith("/")) {
      throw new IllegalArgumentException("not a ZooKeeper path: " + root);
    }
    this.root = root.equals("/") ? "" : root;
  }

  /** The parent of every provider node of {@code service}. */
  String providersOf(String service) {
    return root + "/" + encode(service) + "/providers";
  }

  String pathOf(ProviderInfo provider) {
    return providersOf(provider.service()) + "/"
        + encode(provider.tag() + "@" + provider.host() + ":" + provider.port());
  }

  static byte[] data(ProviderInfo provider) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("host", provider.host());
    fields.put("port", String.valueOf(provider.port()));
    fields.put("tag", provider.tag());
    fields.put("weight", String.valueOf(provider.weight()));
    fields.put("protocol", String.valueOf(provider.protocolVersion()));
    provider.metadata().forEach((key, value) -> fields.put(META + key, value));
    StringBuilder text = new StringBuilder();
    fields.forEach((key, value) -> text.append(encode(key)).append('=').append(encode(value))
        .append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The provider a node describes.
   *
   * @throws IllegalArgumentException if the data is not a provider's
   */
  static ProviderInfo parse(String service, byte[] data) {
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
      int equals = line.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String key = decode(line.substring(0, equals));
      String value = decode(line.substring(equals + 1));
      if (key.startsWith(META)) {
        metadata.put(key.substring(META.length()), value);
      } else {
        fields.put(key, value);
      }
    }
    try {
      return new ProviderInfo(service, fields.getOrDefault("tag", ""),
          required(fields, "host"), Integer.parseInt(required(fields, "port")),
          Integer.parseInt(fields.getOrDefault("weight",
              String.valueOf(ProviderInfo.DEFAULT_WEIGHT))),
          Integer.parseInt(required(fields, "protocol")), metadata);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number in " + fields, e);
    }
  }

  private static String required(Map<String, String> fields, String key) {
    String value = fields.get(key);
    if (value == null) {
      throw new IllegalArgumentException("no " + key + " in " + fields);
    }
    return value;
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
