export * from "@ng-idle/core";
export * from "@ng-idle/keepalive";
