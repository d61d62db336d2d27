package dev.leakgate.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The verdict for one kind: status, live components added and components created per request. */
public record KindVerdict(
    @JsonProperty(required = true) Status status, double perRequest, double createdPerRequest) {}
