/// @file detail/lazy.hpp
/// @brief Deferring the instantiation of heavy inline bodies (internal).
///
/// A non-template inline function instantiates every template it calls in every translation
/// unit that includes it, called or not: that is most of what including fundround costs.
/// A body written as a function template whose types depend on a defaulted `Lazy` parameter is
/// only parsed; its work (Boost.Multiprecision arithmetic, container members, sorting) is
/// instantiated only in a translation unit that calls it:
///
///     template <class Lazy = void>
///     fraction operator+(const fraction& a0, const fraction& b) {
///         const detail::lazy_t<fraction, Lazy>& a = a0;  // now a dependent expression
///         ...
///     }
///
/// Callers are unchanged (`a + b`, `f.to_double()`): the template argument is never named.
#ifndef FUNDROUND_DETAIL_LAZY_HPP
#define FUNDROUND_DETAIL_LAZY_HPP

namespace fundround::detail {

/// `T`, spelled so that it depends on @p Lazy (see the file comment).
template <class T, class Lazy>
struct lazy_type {
    using type = T;
};

/// `T`, as a type that depends on @p Lazy: expressions on it are dependent, so a template body
/// that uses it instantiates nothing until it is itself instantiated.
template <class T, class Lazy>
using lazy_t = typename lazy_type<T, Lazy>::type;

/// `T` in a non-deduced context: a function parameter of this type takes implicit conversions
/// even in a function template (`template <class F = fraction> money times(const
/// non_deduced_t<F>&, rounding)` accepts `m.times(3, mode)`).
template <class T>
using non_deduced_t = typename lazy_type<T, void>::type;

}  // namespace fundround::detail

#endif  // FUNDROUND_DETAIL_LAZY_HPP
