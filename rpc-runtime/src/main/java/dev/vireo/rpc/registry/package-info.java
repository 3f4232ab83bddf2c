/**
 * The registry SPI: how providers announce the services they export and how clients learn who
 * provides a service. {@code rpc-registry-zookeeper} implements it on Apache ZooKeeper.
 */
package dev.vireo.rpc.registry;
