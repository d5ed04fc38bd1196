package org.nrmplatform.referralservice.providers;

import java.util.List;

/** An organisation as the provider directory knows it from identity-service's organisation events. */
public record Provider(String id, String name, String type, String country, List<String> servicesOffered) {

    public static final String COLLECTION = "providers";

    public boolean offers(String serviceType) {
        return servicesOffered.contains(serviceType);
    }
}
