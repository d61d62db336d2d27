package dev.leakgate.reports.model;


/** The verdict for one kind: status, live components added and components created per request. */
public record KindVerdict(
    Status status, double perRequest, double createdPerRequest) {}
