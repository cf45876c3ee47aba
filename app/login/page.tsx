// Operator login for live controls (one admin account configured by env).
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Log in" };

export default function LoginPage() {
  return (
    <>
      <PageHeader title="Operator login" description="Starting, pausing, stopping and changing live sessions needs the operator's password or admin token." />
      <Suspense>
        <LoginForm />
      </Suspense>
    </>
  );
}
